// The teacher's overall result across their chosen points (GET /api/teachers/{id}/result):
// 进行中 with what is still needed, 合格, 优秀 or 不合格 with why.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { reasonText, t } from '../core/i18n.js'
import { explanationKind, resultKey } from './result_state.js'

/** A result badge (also used by the leader's and the school's tables). */
export function resultBadge(result, testid) {
  return h('span', { class: `badge result-${result}`, testid, dataset: { result } }, t(resultKey(result)))
}

/** The lines explaining a result: what is still needed, or why it failed. */
export function resultReasons(body, testid) {
  const kind = explanationKind(body.result)
  if (!kind || !body.reasons.length) return null
  return h('div', { class: 'result-reasons' }, h('span', { class: 'muted' }, t(kind)), h('ul', { class: 'missing', testid }, ...body.reasons.map((r) => h('li', {}, reasonText(r)))))
}

export function overallResultCard(teacherId) {
  const el = h('section', { class: 'card overall-result', testid: 'overall-result' })
  const refresh = async () => {
    const body = await api.get(`/api/teachers/${teacherId}/result`)
    el.dataset.result = body.result
    fill(
      el,
      h('header', { class: 'card-head' }, h('h2', {}, t('result.title')), resultBadge(body.result, 'overall-result-badge')),
      body.chosen ? h('p', { testid: 'overall-result-points' }, t('result.points', { passed: body.passed, chosen: body.chosen, excellent: body.excellent })) : null,
      resultReasons(body, 'overall-result-missing'),
    )
  }
  return { el, refresh }
}
