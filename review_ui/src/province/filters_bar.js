// The desk's filters: school, subject, point, state and verdict dropdowns (their values from
// GET /api/province/filters) and two checkboxes for the flags. `onChange(filters)` runs on
// every change; the table starts again at its first page.
import { h } from '../core/dom.js'
import { levelLabel, stateLabel } from '../core/format.js'
import { t } from '../core/i18n.js'

function dropdown(id, label, options, testid) {
  const select = h('select', { id, testid }, h('option', { value: '' }, t('pdesk.filter.all')), ...options.map(([value, text]) => h('option', { value: String(value) }, text)))
  return { select, el: h('div', { class: 'field' }, h('label', { for: id }, label), select) }
}

function checkbox(id, label, testid) {
  const input = h('input', { id, type: 'checkbox', testid })
  return { input, el: h('label', { class: 'check', for: id }, input, ' ', label) }
}

export function filtersBar(values, { onChange, pointTitle = (code) => code }) {
  const school = dropdown('pf-school', t('pdesk.filter.school'), values.schools.map((s) => [s.id, s.name]), 'province-filter-school')
  const subject = dropdown('pf-subject', t('pdesk.filter.subject'), values.subjects.map((s) => [s, s]), 'province-filter-subject')
  const point = dropdown('pf-point', t('pdesk.filter.point'), values.points.map((c) => [c, pointTitle(c)]), 'province-filter-point')
  const state = dropdown('pf-state', t('pdesk.filter.state'), values.states.map((s) => [s, stateLabel(s)]), 'province-filter-state')
  const verdict = dropdown('pf-verdict', t('pdesk.filter.verdict'), values.verdicts.map((v) => [v, levelLabel(v)]), 'province-filter-verdict')
  const accepted = checkbox('pf-accepted', t('pdesk.filter.accepted'), 'province-filter-accepted')
  const duplicate = checkbox('pf-duplicate', t('pdesk.filter.duplicate'), 'province-filter-duplicate')

  const current = () => ({
    school_id: school.select.value ? Number(school.select.value) : null,
    subject: subject.select.value || null,
    capability_code: point.select.value || null,
    state: state.select.value || null,
    verdict: verdict.select.value || null,
    accepted_despite_checks: accepted.input.checked,
    duplicate: duplicate.input.checked,
  })
  const el = h(
    'fieldset',
    { class: 'province-filters', testid: 'province-filters' },
    h('legend', {}, t('pdesk.filters')),
    school.el,
    subject.el,
    point.el,
    state.el,
    verdict.el,
    h('div', { class: 'pdesk-checks' }, accepted.el, duplicate.el),
  )
  el.addEventListener('change', () => onChange(current()))
  return { el, current }
}
