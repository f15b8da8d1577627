// Why a submission came back (returned, graded fail, downgraded): the latest move's reason,
// from GET /api/submissions/{id}/history, with the role that gave it.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime } from '../core/format.js'
import { t } from '../core/i18n.js'

const WITH_REASON = new Set(['returned', 'scored_fail', 'downgraded', 'resubmitted'])

export async function reasonNote(submission) {
  if (!WITH_REASON.has(submission.state)) return null
  const history = await api.get(`/api/submissions/${submission.id}/history`).catch(() => [])
  const last = [...history].reverse().find((entry) => entry.reason && ['return', 'score_fail', 'downgrade'].includes(entry.action))
  if (!last) return null
  return h(
    'div',
    { class: 'notice info reason-note', testid: 'return-reason' },
    h('strong', {}, t(`history.${last.action}`)),
    ' ',
    last.reason,
    h('div', { class: 'muted' }, t('history.by', { role: t(`role.${last.by_role || 'admin'}`), at: dateTime(last.at) })),
  )
}
