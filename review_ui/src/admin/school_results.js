// The school's teachers by overall result and seed 000's 能力点作业通过率 (GET /api/schools/{id}/results),
// with the rule in force and each teacher's row.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { passRateLine, resultTable } from '../leader/member_results.js'
import { resultBadge } from '../teacher/overall_result.js'
import { countsInOrder, ruleKey } from '../teacher/result_state.js'

export function schoolResults(schoolId) {
  const el = h('section', { class: 'card school-results', testid: 'school-results' })
  const load = async () => {
    const body = await api.get(`/api/schools/${schoolId}/results`)
    const rule = ruleKey(body.excellent_rule)
    fill(
      el,
      h('h2', {}, t('result.school_title')),
      passRateLine(body.pass_rate, 'school-pass-rate'),
      h(
        'p',
        { class: 'result-counts', testid: 'result-counts' },
        ...countsInOrder(body.counts).map(([result, n]) =>
          h('span', { class: 'result-count', testid: `result-count-${result}`, dataset: { n: String(n) } }, resultBadge(result), ' ', t('result.count', { n }), ' '),
        ),
      ),
      rule ? h('p', { class: 'muted' }, t(rule)) : null,
      body.closed ? h('p', { class: 'muted' }, t('result.closed_on', { date: body.closes_on })) : null,
      h('details', {}, h('summary', {}, t('result.teachers_list')), resultTable(body.teachers)),
    )
  }
  return { el, load }
}
