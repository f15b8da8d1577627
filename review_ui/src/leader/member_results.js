// Each member's overall result for the group's leader (GET /api/groups/{id}/results): the badge,
// points passed of chosen, and what each still needs or why they failed.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { resultBadge, resultReasons } from '../teacher/overall_result.js'
import { passRateText } from '../teacher/result_state.js'
import { provinceDowngrades } from './province_downgrades.js'

/** One row a teacher: name, result, passed/chosen, what is missing (shared with the school's table). */
export function resultRow(teacher) {
  return h(
    'tr',
    { testid: `result-row-${teacher.teacher_id}`, dataset: { result: teacher.result } },
    h('td', {}, teacher.name, h('span', { class: 'muted' }, ` ${teacher.staff_id}`)),
    h('td', {}, resultBadge(teacher.result, `result-${teacher.teacher_id}`)),
    h('td', {}, `${teacher.passed}/${teacher.chosen}`),
    h('td', {}, resultReasons(teacher, `result-missing-${teacher.teacher_id}`) || '—'),
  )
}

export function resultTable(teachers) {
  if (!teachers.length) return h('p', { class: 'muted' }, t('result.none'))
  const head = h('tr', {}, ...['result.col_teacher', 'result.col_result', 'result.col_points', 'result.col_missing'].map((key) => h('th', {}, t(key))))
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table' }, h('thead', {}, head), h('tbody', {}, ...teachers.map(resultRow))))
}

/** The pass rate's line (seed 000 能力点作业通过率). */
export function passRateLine(rate, testid) {
  const text = passRateText(rate)
  return h('p', { testid }, text ? t('result.pass_rate', { rate: text, passed: rate.passed, chosen: rate.chosen }) : t('result.pass_rate_none'))
}

export function memberResults(groupId) {
  const el = h('section', { class: 'card member-results', testid: 'member-results' })
  const refresh = async () => {
    const body = await api.get(`/api/groups/${groupId}/results`)
    // The province's downgrades change these results; the leader reads why beside them.
    const downgrades = await provinceDowngrades(groupId)
    fill(el, h('h2', {}, t('result.members_title')), passRateLine(body.pass_rate, 'group-pass-rate'), resultTable(body.teachers), downgrades)
  }
  return { el, refresh }
}
