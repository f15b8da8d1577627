// Confirm / downgrade buttons for one work (the table's rows and the review page's panel), each
// sent to POST /api/province/works/{id}/review. A downgrade, and undoing one, opens a reason box
// first (required); a plain confirmation goes at once. `criteria()` adds the panel's criterion
// levels. Only one reason box is open on a page at a time.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { showUntilFixed, stopWatching } from '../core/problem_box.js'
import { reviewMoves } from './desk_state.js'

let closeOpenBox = () => {}

export function reviewActions(work, { onDone, criteria = () => undefined } = {}) {
  const moves = reviewMoves(work)
  if (!moves.length) return null
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const box = h('div', { class: 'reason-box', hidden: true })
  const buttons = h('div', { class: 'moves' })

  const send = async (action, reason, button) => {
    stopWatching(problem)
    problem.hidden = true
    button.disabled = true
    try {
      const levels = criteria()
      const body = { action, reason: reason || null, ...(levels ? { criteria: levels } : {}) }
      const out = await api.post(`/api/province/works/${work.id}/review`, body)
      box.hidden = true
      await onDone?.(out, action)
    } catch (err) {
      problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      problem.hidden = false
      button.disabled = false
    }
  }

  const askReason = ({ action, label }) => {
    closeOpenBox()
    const prefix = action === 'downgrade' ? 'downgrade' : 'undo'
    const id = `${prefix}-reason-${work.id}`
    const input = h('textarea', { id, rows: '2', testid: `${prefix}-reason` })
    const go = h('button', { type: 'button', class: action === 'downgrade' ? 'danger' : 'primary', testid: `${prefix}-confirm` }, t(label))
    go.addEventListener('click', () => {
      if (!input.value.trim()) {
        showUntilFixed(problem, t('pdesk.reason_needed'), { inputs: [input], fixed: () => input.value.trim() !== '' })
        return
      }
      send(action, input.value.trim(), go)
    })
    const close = () => {
      box.hidden = true
      stopWatching(problem)
      problem.hidden = true
    }
    box.replaceChildren(
      h('label', { for: id }, t(action === 'downgrade' ? 'pdesk.downgrade_reason' : 'pdesk.undo_reason')),
      input,
      h('div', { class: 'actions' }, h('button', { type: 'button', testid: `${prefix}-cancel`, onclick: close }, t('pdesk.cancel')), go),
    )
    box.hidden = false
    closeOpenBox = close
    input.focus()
  }

  for (const move of moves) {
    const button = h(
      'button',
      { type: 'button', class: move.action === 'downgrade' ? 'danger' : 'primary', testid: `${move.action}-${work.id}` },
      t(move.label),
    )
    button.addEventListener('click', () => (move.reasonRequired ? askReason(move) : send(move.action, null, button)))
    buttons.append(button)
  }
  return h('div', { class: 'moves-box' }, buttons, box, problem)
}
