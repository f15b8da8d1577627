// The province's completion view (GET /api/province/hours): completed teachers by school, and by
// cohort year against seed 002's plan (2020/2021/2022: 30%/50%/20% of all teachers).
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'

function table(cols, rows, testid) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table', testid }, h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, t(c))))), h('tbody', {}, ...rows)))
}

export function provinceHours() {
  const el = h('section', { class: 'card province-hours', testid: 'province-hours' })
  const load = async () => {
    const body = await api.get('/api/province/hours')
    fill(
      el,
      h('h2', {}, t('hours.province.title')),
      h('p', {}, t('hours.province.summary', body)),
      body.live ? null : h('p', { class: 'muted', testid: 'province-hours-as-of' }, t('hours.province.as_of', { time: dateTimeWithZone(body.as_of) })),
      body.schools_not_counted ? h('p', { class: 'problem' }, t('hours.province.not_counted', { n: body.schools_not_counted })) : null,
      body.recounting ? h('p', { class: 'muted' }, t('hours.province.recounting', { n: body.recounting })) : null,
      table(
        ['hours.province.col_school', 'hours.province.col_teachers', 'hours.province.col_complete', 'hours.province.col_percent'],
        body.schools.map((s) => h('tr', {}, h('td', {}, s.school_name), h('td', {}, s.teachers), h('td', {}, s.counted_at === null && !body.live ? t('hours.province.not_counted_cell') : s.complete), h('td', {}, s.percent === null ? '—' : `${s.percent}%`))),
        'province-hours-schools',
      ),
      table(
        ['hours.province.col_year', 'hours.province.col_plan', 'hours.province.col_assigned', 'hours.province.col_completed'],
        body.cohorts.map((c) =>
          h('tr', {}, h('td', {}, c.year), h('td', {}, t('hours.province.plan_cell', { percent: c.planned_percent, planned: c.planned })), h('td', {}, c.assigned), h('td', {}, c.completed)),
        ),
        'province-hours-cohorts',
      ),
    )
  }
  return { el, load }
}
