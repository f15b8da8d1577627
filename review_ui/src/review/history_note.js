// Why a submission came back (returned, graded fail, downgraded): the latest move's reason,
// from GET /api/submissions/{id}/history, with the role that gave it. Which moves carry a
// reason, and the states they lead to, come from GET /api/rules.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'
import { currentRules } from '../core/rules.js'

// Our choice: after resubmitting, the note still says why the work came back until it is graded again.
const STILL_SHOWN = ['resubmitted']

export async function reasonNote(submission) {
  const { reason_states: reached, reason_required_actions: moves } = currentRules().workflow
  if (![...reached, ...STILL_SHOWN].includes(submission.state)) return null
  const history = await api.get(`/api/submissions/${submission.id}/history`).catch(() => [])
  // The move that led here (before a resubmission: the one that sent the work back). An older
  // reason, e.g. a return long since answered, says nothing about the state the work is in now.
  const last = history.at(submission.state === 'resubmitted' ? -2 : -1)
  if (!last || !last.reason || !moves.includes(last.action)) return null
  return h(
    'div',
    { class: 'notice info reason-note', testid: 'return-reason' },
    h('strong', {}, t(`history.${last.action}`)),
    ' ',
    last.reason,
    h('div', { class: 'muted' }, t('history.by', { role: t(`role.${last.by_role || 'admin'}`), at: dateTimeWithZone(last.at) })),
  )
}
