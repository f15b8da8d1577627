// Destructive buttons (delete a photo, withdraw consent, delete a session or a document) ask for a
// second click on the same button instead of a blocking dialog: a slip costs nothing, and the
// armed state ends by itself (after a few seconds, or when focus leaves), so a later stray click
// is a first click again.

export const CONFIRM_MS = 4000

/**
 * Make `button` act only on a second click. The first arms it: its label becomes `armedLabel`
 * and it is marked `data-armed` (styled as a warning). `onConfirm()` runs on the second click.
 * Returns `disarm()`, for a view that goes away while the button is armed.
 */
export function confirmOnSecondClick(button, { armedLabel, onConfirm, timeoutMs = CONFIRM_MS }) {
  const idleLabel = button.textContent
  let timer = null
  const disarm = () => {
    clearTimeout(timer)
    timer = null
    if (!button.dataset.armed) return
    delete button.dataset.armed
    button.textContent = idleLabel
  }
  button.addEventListener('click', () => {
    if (!button.dataset.armed) {
      button.dataset.armed = 'true'
      button.textContent = armedLabel
      timer = setTimeout(disarm, timeoutMs)
      return
    }
    disarm()
    onConfirm()
  })
  button.addEventListener('blur', disarm)
  return disarm
}
