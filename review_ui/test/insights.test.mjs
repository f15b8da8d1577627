// The province's insights: the progress chart's ECharts option built from the API's rows (bars of
// 优秀率, coloured by hand-over, a line at the required percent), the headline share, and the
// calibration table's cells. All pure: no DOM, no ECharts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  HANDED_OVER_COLOUR,
  OPEN_COLOUR,
  calibrationCells,
  calibrationHeader,
  chartLabel,
  chartMinWidth,
  handedShareText,
  kappaText,
  legendItems,
  lowerCriteriaText,
  percentScale,
  percentText,
  progressChartOption,
  progressTooltip,
} from '../src/province/insights_shape.js'
import { INSIGHTS_MESSAGES } from '../src/province/insights_messages.js'

/** t() in English, from the module's own messages (the shaping takes the translator as an argument). */
const en = (key, vars = {}) => INSIGHTS_MESSAGES[key][1].replace(/\{(\w+)\}/g, (_, name) => String(vars[name]))

const school = (id, name, handedOver, rate, extra = {}) => ({
  school_id: id,
  school_name: name,
  handed_over: handedOver,
  handed_over_at: handedOver ? '2026-12-01T02:30:00Z' : null,
  full_time_teachers: 10,
  excellent: rate === null ? 0 : Math.round(rate * 10),
  excellent_rate: rate,
  required: 3,
  downgraded: 0,
  ...extra,
})

const PROGRESS = {
  schools: [
    school(1, '示范中学', true, 4 / 9),
    school(2, '第二中学', false, 0.2),
    school(3, '新学校', false, null, { full_time_teachers: 0, required: 0 }),
  ],
  totals: { schools: 3, handed_over: 1, handed_over_share: 1 / 3, excellent_percent: 30 },
}

test('percent and kappa texts, with a dash for nothing to show', () => {
  assert.equal(percentText(4 / 9), '44.4%')
  assert.equal(percentText(0.5), '50%')
  assert.equal(percentText(0), '0%')
  assert.equal(percentText(null), '—')
  assert.equal(kappaText(1 / 3), '0.33')
  assert.equal(kappaText(-1), '-1.00')
  assert.equal(kappaText(null), '—')
})

test('the headline says how many schools handed over, of how many, and the share', () => {
  assert.equal(handedShareText(PROGRESS.totals), '已提交省级的学校：1 / 3（33.3%）')
  assert.equal(handedShareText(PROGRESS.totals, en), 'Schools handed over to the province: 1 / 3 (33.3%)')
  assert.equal(handedShareText({ schools: 0, handed_over: 0, handed_over_share: null }), '已提交省级的学校：0 / 0（—）')
})

test('one bar per school in percent, in the series of its hand-over, the other series empty there', () => {
  const option = progressChartOption(PROGRESS)
  assert.deepEqual(option.xAxis.data, ['示范中学', '第二中学', '新学校'])
  const [done, open] = option.series
  assert.equal(done.name, '已提交省级')
  assert.equal(open.name, '未提交')
  assert.deepEqual(done.data, [44.4, '-', '-'])
  assert.deepEqual(open.data, ['-', 20, '-'], 'a school without 专任教师 has no bar, not a zero')
  assert.equal(done.itemStyle.color, HANDED_OVER_COLOUR)
  assert.equal(open.itemStyle.color, OPEN_COLOUR)
  assert.equal(done.stack, open.stack, 'stacked: each school keeps one slot whichever colour it has')
  assert.equal(option.legend, undefined, 'the legend is HTML (legendItems), not ECharts')
  assert.deepEqual(
    legendItems().map((item) => [item.colour, item.label]),
    [[HANDED_OVER_COLOUR, '已提交省级'], [OPEN_COLOUR, '未提交']],
  )
})

test('the required line sits at the setting, and the axis leaves room above it and the highest bar', () => {
  const option = progressChartOption(PROGRESS)
  assert.deepEqual(option.series[0].markLine.data, [{ yAxis: 30 }])
  assert.equal(option.series[0].markLine.label.formatter, '要求 30%')
  assert.deepEqual([option.yAxis.max, option.yAxis.interval], [50, 10]) // 44.4 + room
  const low = progressChartOption({ ...PROGRESS, schools: [school(1, 'A', true, 0.05)] })
  assert.deepEqual([low.yAxis.max, low.yAxis.interval], [40, 10]) // the line (30) + room
  const fifty = progressChartOption({ schools: [school(1, 'A', true, 0.95)], totals: { ...PROGRESS.totals, excellent_percent: 50 } })
  assert.deepEqual(fifty.series[0].markLine.data, [{ yAxis: 50 }])
  assert.deepEqual([fifty.yAxis.max, fifty.yAxis.interval], [100, 20])
})

test('the rate axis takes at most six even steps, past 100% too (优秀 counts works)', () => {
  for (const [top, max, interval] of [[0, 10, 10], [30, 40, 10], [55, 60, 10], [56, 80, 20], [100, 120, 20], [140, 150, 25], [290, 300, 50], [2000, 2500, 500]]) {
    assert.deepEqual(percentScale(top), { max, interval }, `top ${top}`)
  }
})

test('labels follow the language', () => {
  const option = progressChartOption(PROGRESS, en)
  assert.deepEqual(option.series.map((s) => s.name), ['Handed over', 'Not handed over'])
  assert.deepEqual(legendItems(en).map((item) => item.label), ['Handed over', 'Not handed over'])
  assert.equal(option.yAxis.name, 'Excellent rate')
  assert.equal(option.series[0].markLine.label.formatter, 'Required 30%')
  assert.equal(chartLabel(PROGRESS, en), 'Bar chart of each school’s excellent rate: 1 of 3 schools handed over; required line 30%.')
})

test('many schools tilt their names and leave room below', () => {
  const many = { ...PROGRESS, schools: Array.from({ length: 12 }, (_, i) => school(i + 1, `学校${i + 1}`, i % 2 === 0, i / 20)) }
  const option = progressChartOption(many)
  assert.equal(option.xAxis.axisLabel.rotate, 35)
  assert.equal(option.grid.bottom, 80)
  assert.equal(progressChartOption(PROGRESS).xAxis.axisLabel.rotate, 0)
  assert.equal(chartMinWidth(12), 0, 'up to 20 schools the chart fits its box')
  assert.equal(chartMinWidth(200), 200 * 28 + 80, 'a province of 200 schools scrolls sideways, each bar readable')
})

test('the tooltip names the school, its 优秀 over 专任教师, what it needs, escaped as HTML', () => {
  const option = progressChartOption(PROGRESS)
  assert.equal(
    option.tooltip.formatter([{ dataIndex: 0 }]),
    '示范中学<br>优秀 4 / 专任教师 10（44.4%）<br>至少需要 3 个<br>已提交省级',
  )
  const tricky = school(9, '<b>A&B</b>', false, 0.1, { downgraded: 2 })
  assert.equal(
    progressTooltip(tricky, en),
    '&lt;b&gt;A&amp;B&lt;/b&gt;<br>Excellent 1 / full-time teachers 10 (10%)<br>At least 3 required<br>Not handed over<br>2 downgraded by the province',
  )
  assert.equal(progressTooltip(undefined), '')
})

test('no schools: an empty chart option, not an error', () => {
  const option = progressChartOption({ schools: [], totals: { schools: 0, handed_over: 0, handed_over_share: null, excellent_percent: 30 } })
  assert.deepEqual(option.xAxis.data, [])
  assert.equal(option.yAxis.max, 40)
})

const ROW = {
  school_id: 1,
  school_name: '示范中学',
  group_id: 7,
  group_name: '语文教研组',
  sampled: 3,
  confirmed: 1,
  downgraded: 1,
  pending: 1,
  confirmation_rate: 0.5,
  criteria_compared: 6,
  agreement: 4 / 6,
  kappa: 1 / 3,
  lower_criteria: [
    { capability_code: 'A1', key: 'c2', count: 3 },
    { capability_code: 'B4', key: 'c1', count: 1 },
  ],
}

test('the calibration table by school or by group: a group column only by group', () => {
  assert.deepEqual(calibrationHeader('school'), ['学校', '抽检', '确认', '降等', '待评', '确认率', '比对评价项', '一致率', 'κ', '省级常评低的评价项'])
  assert.equal(calibrationHeader('group', en)[1], 'Group')
  assert.deepEqual(calibrationCells(ROW, 'school'), ['示范中学', '3', '1', '1', '1', '50%', '6', '66.7%', '0.33', 'A1 c2 ×3、B4 c1 ×1'])
  assert.deepEqual(calibrationCells(ROW, 'group').slice(0, 3), ['示范中学', '语文教研组', '3'])
  assert.equal(calibrationCells({ ...ROW, group_id: null, group_name: null }, 'group', en)[1], '(no group)')
  for (const by of ['school', 'group']) assert.equal(calibrationCells(ROW, by).length, calibrationHeader(by).length)
})

test('nothing decided or compared shows dashes, not zeros', () => {
  const bare = { ...ROW, confirmed: 0, downgraded: 0, confirmation_rate: null, criteria_compared: 0, agreement: null, kappa: null, lower_criteria: [] }
  assert.deepEqual(calibrationCells(bare, 'school').slice(5), ['—', '0', '—', '—', '—'])
  assert.equal(lowerCriteriaText(undefined), '—')
})
