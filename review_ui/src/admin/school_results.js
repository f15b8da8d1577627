// The school's teachers by overall result and seed 000's 能力点作业通过率 (GET /api/schools/{id}/results),
// with the rule in force and each teacher's row. The rows come a page at a time (更多, X-Next-After):
// a school of thousands of teachers is not sent whole; a large school's counts are as counted, with when.
import { api, query } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'
import { afterPage, firstMore, onMore, withCursor } from '../core/keyset.js'
import { passRateLine, resultRow, resultTable } from '../leader/member_results.js'
import { resultBadge } from '../teacher/overall_result.js'
import { countsInOrder, ruleKey } from '../teacher/result_state.js'

const PAGE = 50 // teachers a page; 更多 asks for the next

function countLines(body) {
  if (body.counts === null) return [h('p', { class: 'muted', testid: 'result-counting' }, t('result.counting'))]
  return [
    passRateLine(body.pass_rate, 'school-pass-rate'),
    h(
      'p',
      { class: 'result-counts', testid: 'result-counts' },
      ...countsInOrder(body.counts).map(([result, n]) =>
        h('span', { class: 'result-count', testid: `result-count-${result}`, dataset: { n: String(n) } }, resultBadge(result), ' ', t('result.count', { n }), ' '),
      ),
    ),
    body.counted_at ? h('p', { class: 'muted', testid: 'result-as-of' }, t('result.as_of', { time: dateTimeWithZone(body.counted_at) })) : null,
    body.recounting ? h('p', { class: 'muted', testid: 'result-recounting' }, t('result.recounting')) : null,
  ]
}

export function schoolResults(schoolId) {
  const el = h('section', { class: 'card school-results', testid: 'school-results' })
  const more = h('button', { type: 'button', hidden: true, testid: 'result-more' }, t('result.more'))
  let pager = firstMore()
  let generation = 0 // a page that arrives after a newer load began is dropped
  let tbody = null
  const fetchPage = async () => {
    const mine = generation
    const { items: body, next } = await api.page(`/api/schools/${schoolId}/results${query(withCursor({ limit: PAGE }, pager.after))}`)
    if (mine !== generation) return
    if (tbody) {
      tbody.append(...body.teachers.map(resultRow))
    } else {
      const rule = ruleKey(body.excellent_rule)
      const table = resultTable(body.teachers)
      tbody = table.querySelector('tbody')
      fill(
        el,
        h('h2', {}, t('result.school_title')),
        ...countLines(body),
        rule ? h('p', { class: 'muted' }, t(rule)) : null,
        body.closed ? h('p', { class: 'muted' }, t('result.closed_on', { date: body.closes_on })) : null,
        h('details', {}, h('summary', {}, t('result.teachers_list')), table, more),
      )
    }
    pager = afterPage(pager, next)
    more.hidden = !pager.more
  }
  const load = async () => {
    generation += 1
    pager = firstMore()
    tbody = null
    await fetchPage()
  }
  onMore(more, fetchPage, () => pager.more)
  return { el, load }
}
