// Buttons for the moves a submission allows this user (forward, return, confirm, downgrade);
// moves that need a reason ask for it inline first. The server decides what is allowed, and
// which moves need a reason (GET /api/rules).
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { currentRules } from '../core/rules.js'
import { showUntilFixed, stopWatching } from '../core/problem_box.js'

const MOVES = ['forward', 'confirm', 'return', 'downgrade'] // the buttons this module draws

// `confirm[move]` (optional): async (submission, { proceed, cancel }) → a box to show before the move runs.
export function moveButtons(submission, { onMoved, only = MOVES, confirm = {} } = {}) {
  const allowed = only.filter((move) => submission.allowed_actions.includes(move))
  const needsReason = new Set(currentRules().workflow.reason_required_actions)
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const reasonBox = h('div', { class: 'reason-box', hidden: true })
  const el = h('div', { class: 'moves' })

  const run = async (move, body, button) => {
    stopWatching(problem)
    problem.hidden = true
    button.disabled = true
    try {
      const out = await api.post(`/api/submissions/${submission.id}/${move}`, body)
      await onMoved(out, move)
    } catch (err) {
      problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      problem.hidden = false
      button.disabled = false
    }
  }

  const askReason = (move, button) => {
    const id = `reason-${move}-${submission.id}`
    const input = h('textarea', { id, rows: '2', testid: `${move}-reason-${submission.id}` })
    const send = h('button', { type: 'button', class: 'primary', testid: `${move}-confirm-${submission.id}` }, t(`move.${move}`))
    send.addEventListener('click', () => {
      if (!input.value.trim()) {
        showUntilFixed(problem, t('move.reason_needed'), { inputs: [input], fixed: () => input.value.trim() !== '' })
        return
      }
      run(move, { reason: input.value.trim() }, send)
    })
    reasonBox.replaceChildren(
      h('label', { for: id }, t(`move.${move}_reason`)),
      input,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => (reasonBox.hidden = true) }, t('move.cancel')), send),
    )
    reasonBox.hidden = false
    input.focus()
    button.blur()
  }

  for (const move of allowed) {
    const button = h('button', { type: 'button', class: needsReason.has(move) ? 'danger' : 'primary', testid: `${move}-${submission.id}` }, t(`move.${move}`))
    const ask = confirm[move] && (async () => {
      reasonBox.replaceChildren(await confirm[move](submission, { proceed: (yes) => run(move, undefined, yes), cancel: () => (reasonBox.hidden = true) }))
      reasonBox.hidden = false
    })
    button.addEventListener('click', () => (needsReason.has(move) ? askReason(move, button) : ask ? ask() : run(move, undefined, button)))
    el.append(button)
  }
  if (!allowed.length) return null
  return h('div', { class: 'moves-box' }, el, reasonBox, problem)
}
