// What the school admin's page gains from the desk, wired in one place: the 待办 card; the
// history card with a notice above it (just below the graded-work table) saying what the last
// forward or return did; and, for the graded-work table, the forward confirmation and what to
// refresh after a move.
import { h } from '../core/dom.js'
import { stateLabel } from '../core/format.js'
import { t } from '../core/i18n.js'
import { pointTitle } from '../teacher/points.js'
import { movedNotice } from './desk_state.js'
import { forwardConfirm } from './forward_confirm.js'
import { schoolDesk } from './school_desk.js'
import { schoolHistory } from './school_history.js'

/** `reload()` refreshes the page's own graded-work table after a move. */
export function schoolDeskHook({ schoolId, points, reload }) {
  const desk = schoolDesk({ schoolId, points })
  const history = schoolHistory({ schoolId, points })
  const notice = h('div', { class: 'notice info', role: 'status', testid: 'move-notice', hidden: true })
  const load = () => Promise.all([desk.load(), history.load()])
  const onMoved = (submission) => async (out, move) => {
    const { key, vars } = movedNotice(move, submission, out, pointTitle(points, submission.capability_code))
    notice.textContent = t(key, { ...vars, state: stateLabel(vars.state) })
    notice.hidden = false
    await Promise.all([reload(), load()])
    notice.scrollIntoView?.({ block: 'nearest' })
  }
  return {
    el: desk.el,
    historyEl: h('div', {}, notice, history.el),
    load,
    onMoved,
    confirm: { forward: (submission, handlers) => forwardConfirm(submission, points, handlers) },
  }
}
