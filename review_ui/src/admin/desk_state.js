// The school admin's desk and history without the DOM: the 待办 total, the history page's query,
// what the province receives when work is forwarded, and the notice after a forward or return.
// The server decides everything; these only read what it sent.
import { withCursor } from '../core/keyset.js'

export const HISTORY_ACTIONS = ['forward', 'return', 'confirm', 'downgrade']
export const HISTORY_PAGE = 50

/** Everything waiting for the school admin: the number on the 待办 card's title. */
export function deskTotal(counts) {
  return (counts?.leaders_work || 0) + (counts?.groups_submitted || 0) + (counts?.to_forward || 0)
}

/** The query of a history page: one action or all four, the page after the cursor `after` (null: the first). */
export function historyQuery(action, after = null) {
  const params = withCursor({ limit: HISTORY_PAGE }, after)
  return HISTORY_ACTIONS.includes(action) ? { action, ...params } : params
}

/**
 * What the province receives when `submission` (GET /api/submissions/{id}, with its documents)
 * is forwarded: the teacher, the point, the recording if any, each document by name.
 */
export function forwardPackage(submission, pointName) {
  return {
    teacher: submission.teacher_name,
    point: pointName,
    recording: Boolean(submission.recording_id),
    documents: (submission.documents || []).map((d) => d.filename),
  }
}

/** The message key and its values after `move` took `submission` to `out.state`. */
export function movedNotice(move, submission, out, pointName) {
  const key = move === 'forward' ? 'desk.forwarded' : 'desk.returned'
  return { key, vars: { teacher: submission.teacher_name, point: pointName, state: out.state } }
}
