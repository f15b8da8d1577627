// Pure shaping for the province's insights: the ECharts option of the progress chart and the
// calibration table's cells, from the API's rows. No DOM and no ECharts here, so node tests read them.
import { t as translate } from '../core/i18n.js'

export const HANDED_OVER_COLOUR = '#1e7b45' // --ok
export const OPEN_COLOUR = '#a7b0bf'
export const REQUIRED_COLOUR = '#b3261e' // --bad
const EMPTY = '—'

/** 0.4444 → '44.4%', 0.5 → '50%'; null (nothing to divide) → '—'. */
export function percentText(share) {
  if (share === null || share === undefined) return EMPTY
  return `${Number((share * 100).toFixed(1))}%`
}

/** κ to two decimals ('0.33', '-1.00'); null → '—'. */
export function kappaText(kappa) {
  return kappa === null || kappa === undefined ? EMPTY : kappa.toFixed(2)
}

/** The headline: how many schools handed over, of how many, and the share. */
export function handedShareText(totals, t = translate) {
  return t('insights.handed_share', {
    done: totals?.handed_over ?? 0,
    schools: totals?.schools ?? 0,
    share: percentText(totals?.handed_over_share ?? null),
  })
}

/** A bar's value: the 优秀 rate in percent, one decimal; '-' (ECharts' empty) without 专任教师. */
function ratePercent(rate) {
  return rate === null || rate === undefined ? '-' : Number((rate * 100).toFixed(1))
}

/**
 * The progress chart's ECharts option: one bar per school (its 优秀率), green when handed over and
 * grey when not (two stacked series: one slot per school whichever colour), and a line at the
 * required percent. The legend is HTML beside the chart (``legendItems``): ECharts' own legend
 * would add 17 KB to every page's bundle. Schools keep the API's order (by id), so a school stays
 * in its place between loads.
 */
export function progressChartOption(progress, t = translate) {
  const schools = progress?.schools ?? []
  const percent = progress?.totals?.excellent_percent ?? 30
  const highest = Math.max(0, ...schools.map((s) => (s.excellent_rate ?? 0) * 100))
  const done = t('insights.handed_over')
  const open = t('insights.not_handed_over')
  const bars = (handed) =>
    schools.map((s) => (s.handed_over === handed ? ratePercent(s.excellent_rate) : '-'))
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 36, bottom: schools.length > 6 ? 80 : 40, containLabel: false },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => progressTooltip(schools[params?.[0]?.dataIndex], t),
    },
    xAxis: {
      type: 'category',
      data: schools.map((s) => s.school_name),
      axisLabel: { interval: 0, rotate: schools.length > 6 ? 35 : 0, width: 120, overflow: 'truncate' },
    },
    yAxis: {
      type: 'value',
      name: t('insights.rate_axis'),
      min: 0,
      ...percentScale(Math.max(highest, percent)),
      axisLabel: { formatter: '{value}%' },
    },
    series: [
      {
        name: done,
        type: 'bar',
        stack: 'rate',
        barMaxWidth: 48,
        itemStyle: { color: HANDED_OVER_COLOUR },
        data: bars(true),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: REQUIRED_COLOUR, type: 'dashed', width: 2 },
          label: { formatter: t('insights.required_line', { percent }), position: 'insideEndTop' },
          data: [{ yAxis: percent }],
        },
      },
      { name: open, type: 'bar', stack: 'rate', barMaxWidth: 48, itemStyle: { color: OPEN_COLOUR }, data: bars(false) },
    ],
  }
}

/**
 * The rate axis: room above `top` (the highest bar or the required line) and at most six even
 * steps, so no tick label crowds the top one. 优秀 counts works, so a rate may pass 100%.
 */
export function percentScale(top) {
  const room = top + 5
  const step = [10, 20, 25, 50, 100, 200, 500].find((s) => Math.ceil(room / s) <= 6) ?? Math.ceil(room / 600) * 100
  return { max: Math.ceil(room / step) * step, interval: step }
}

/** The chart's least width in px: past 20 schools each bar keeps 28 px and the box scrolls sideways. */
export function chartMinWidth(schools) {
  return schools > 20 ? schools * 28 + 80 : 0
}

/** The legend beside the chart: each colour and what it means. */
export function legendItems(t = translate) {
  return [
    { key: 'handed', colour: HANDED_OVER_COLOUR, label: t('insights.handed_over') },
    { key: 'open', colour: OPEN_COLOUR, label: t('insights.not_handed_over') },
  ]
}

/** The tooltip of one school: its name, 优秀 over 专任教师, what it needs, what was downgraded. */
export function progressTooltip(school, t = translate) {
  if (!school) return ''
  const lines = [
    school.school_name,
    t('insights.tooltip_rate', {
      excellent: school.excellent,
      teachers: school.full_time_teachers,
      rate: percentText(school.excellent_rate),
    }),
    t('insights.tooltip_required', { required: school.required }),
    t(school.handed_over ? 'insights.handed_over' : 'insights.not_handed_over'),
  ]
  if (school.downgraded) lines.push(t('insights.tooltip_downgraded', { n: school.downgraded }))
  return lines.map(escapeHtml).join('<br>') // ECharts renders a formatter's string as HTML
}

/** What screen readers hear for the chart (the canvas itself says nothing). */
export function chartLabel(progress, t = translate) {
  const totals = progress?.totals ?? {}
  return t('insights.chart_label', {
    done: totals.handed_over ?? 0,
    schools: totals.schools ?? 0,
    percent: totals.excellent_percent ?? 30,
  })
}

/** The calibration table's header for `by` ('school' or 'group'). */
export function calibrationHeader(by, t = translate) {
  return [
    t('insights.col_school'),
    ...(by === 'group' ? [t('insights.col_group')] : []),
    t('insights.col_sampled'),
    t('insights.col_confirmed'),
    t('insights.col_downgraded'),
    t('insights.col_pending'),
    t('insights.col_rate'),
    t('insights.col_compared'),
    t('insights.col_agreement'),
    t('insights.col_kappa'),
    t('insights.col_lower'),
  ]
}

/** One calibration row as the table's cell texts, in the header's order. */
export function calibrationCells(row, by, t = translate) {
  return [
    row.school_name,
    ...(by === 'group' ? [row.group_name ?? t('insights.no_group')] : []),
    String(row.sampled),
    String(row.confirmed),
    String(row.downgraded),
    String(row.pending),
    percentText(row.confirmation_rate),
    String(row.criteria_compared),
    percentText(row.agreement),
    kappaText(row.kappa),
    lowerCriteriaText(row.lower_criteria),
  ]
}

/** 'A1 c2 ×3、B4 c1 ×1' (most often first, as the API orders them); '—' when none. */
export function lowerCriteriaText(lower) {
  if (!lower?.length) return EMPTY
  return lower.map((c) => `${c.capability_code} ${c.key} ×${c.count}`).join('、')
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
}
