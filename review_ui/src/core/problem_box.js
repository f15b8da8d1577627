// An error box that goes away once the user has fixed what it complained about. A message like
// 请选择结论 is about one input; leaving it on screen after the input is filled reads as if the
// form were still wrong, so the box re-checks on every change of the inputs it names. Cards that
// act on the server (a session's record, the leader's judgement) share the refusal box and the
// act-then-refresh helper below.
import { h } from './dom.js'
import { errorLines } from './i18n.js'

/**
 * Show `text` in `box` until `fixed()` holds after a change (or input) on any of `inputs`
 * (elements or containers whose children's events bubble up). Showing again replaces the watch.
 */
export function showUntilFixed(box, text, { inputs, fixed }) {
  box.stopWatching?.()
  box.textContent = text
  box.hidden = false
  const watch = new AbortController()
  const check = () => {
    if (!fixed()) return
    box.hidden = true
    box.textContent = ''
    stop()
  }
  const stop = () => {
    watch.abort()
    if (box.stopWatching === stop) delete box.stopWatching
  }
  for (const input of inputs) {
    input.addEventListener('input', check, { signal: watch.signal })
    input.addEventListener('change', check, { signal: watch.signal })
  }
  box.stopWatching = stop
}

/** Stop a box's watch before it shows something else (a server refusal is not cleared by typing). */
export function stopWatching(box) {
  box.stopWatching?.()
}

/** A box under a card for the server's refusal of an action, in the reader's language. */
export function problemBox() {
  const el = h('div', { class: 'notice error', role: 'alert', hidden: true })
  return {
    el,
    clear() {
      el.hidden = true
      el.replaceChildren()
    },
    show(err) {
      el.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      el.hidden = false
    },
  }
}

/** Run `act` with `button` disabled; on success `done(result)`, on refusal the reason in `problem`. */
export async function attempt(button, problem, act, done) {
  problem.clear()
  button.disabled = true
  try {
    const result = await act()
    await done?.(result)
  } catch (err) {
    problem.show(err)
  } finally {
    button.disabled = false
  }
}
