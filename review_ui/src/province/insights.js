// The province's insights (issue 18): every school's progress as an Apache ECharts bar chart
// (优秀率 per school against the required line, coloured by hand-over, with the share of schools
// handed over as the headline) and the calibration table by school or by group.
// ECharts (only the pieces this chart uses, echarts_bars.js) loads with the first chart drawn, in a
// chunk of its own: other roles' pages never fetch it. The legend is HTML.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import {
  calibrationCells,
  calibrationHeader,
  chartLabel,
  chartMinWidth,
  handedShareText,
  legendItems,
  progressChartOption,
} from './insights_shape.js'

/** { el, load() }: the progress chart and the calibration table, for the province page to mount. */
export function provinceInsights() {
  const progress = progressChart()
  const calibration = calibrationTable()
  const el = h('div', { class: 'insights' }, progress.el, calibration.el)
  const load = () => Promise.all([progress.load(), calibration.load()])
  return { el, load }
}

function progressChart() {
  const headline = h('p', { class: 'insights-headline', testid: 'progress-handed-share' })
  const canvas = h('div', { class: 'insights-chart', testid: 'progress-chart', role: 'img' })
  const empty = h('p', { class: 'muted', hidden: true }, t('insights.no_schools'))
  const legend = h(
    'ul',
    { class: 'insights-legend' },
    ...legendItems().map((item) => h('li', {}, h('span', { class: `swatch swatch-${item.key}` }), item.label)),
  )
  const scroller = h('div', { class: 'insights-chart-scroll' }, canvas)
  const el = h('section', { class: 'card' }, h('h2', {}, t('insights.progress_title')), headline, legend, scroller, empty)
  let chart = null

  const onResize = () => {
    if (!el.isConnected) {
      // The page was left (or re-rendered in the other language): let the chart go.
      window.removeEventListener('resize', onResize)
      chart?.dispose()
      chart = null
      return
    }
    chart?.resize()
  }

  const load = async () => {
    const data = await api.get('/api/province/progress')
    headline.textContent = handedShareText(data.totals)
    canvas.setAttribute('aria-label', chartLabel(data))
    canvas.dataset.schools = String(data.schools.length)
    empty.hidden = data.schools.length > 0
    scroller.hidden = legend.hidden = data.schools.length === 0
    const least = chartMinWidth(data.schools.length)
    canvas.style.minWidth = least ? `${least}px` : ''
    if (!data.schools.length) return
    if (!chart) {
      const { barChart } = await import('./echarts_bars.js')
      if (chart || !el.isConnected) return // drawn meanwhile by a later load, or the page was left
      chart = barChart(canvas)
      window.addEventListener('resize', onResize)
    }
    chart.setOption(progressChartOption(data), { notMerge: true })
    // Loaded before the page attached it, the chart measured nothing: measure again once laid out.
    window.requestAnimationFrame(() => chart?.resize())
  }
  return { el, load }
}

function calibrationTable() {
  let by = 'school'
  const head = h('thead')
  const body = h('tbody')
  const table = h('table', { class: 'table insights-calibration', testid: 'calibration-table' }, head, body)
  const empty = h('p', { class: 'muted', hidden: true, testid: 'calibration-empty' }, t('insights.calibration_empty'))
  const toggle = (value, label, testid) =>
    h('button', { type: 'button', testid, 'aria-pressed': String(value === by), onclick: () => choose(value) }, label)
  const bySchool = toggle('school', t('insights.by_school'), 'calibration-by-school')
  const byGroup = toggle('group', t('insights.by_group'), 'calibration-by-group')
  const el = h(
    'section',
    { class: 'card' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', {}, t('insights.calibration_title')),
      h('div', { class: 'insights-toggle', role: 'group' }, bySchool, byGroup),
    ),
    h('p', { class: 'muted' }, t('insights.calibration_lead')),
    h('div', { class: 'table-wrap' }, table),
    empty,
  )

  const load = async () => {
    const shown = by
    const rows = await api.get(`/api/province/calibration${query({ by: shown })}`)
    if (shown !== by) return // a later choice is loading
    head.replaceChildren(h('tr', {}, ...calibrationHeader(shown).map((text) => h('th', { scope: 'col' }, text))))
    body.replaceChildren(
      ...rows.map((row) =>
        h(
          'tr',
          { testid: `calibration-row-${row.school_id}${shown === 'group' ? `-${row.group_id ?? 'none'}` : ''}` },
          ...calibrationCells(row, shown).map((text) => h('td', {}, text)),
        ),
      ),
    )
    table.dataset.by = shown
    empty.hidden = rows.length > 0
  }

  const choose = (value) => {
    if (value === by) return
    by = value
    bySchool.setAttribute('aria-pressed', String(by === 'school'))
    byGroup.setAttribute('aria-pressed', String(by === 'group'))
    return load()
  }
  return { el, load }
}
