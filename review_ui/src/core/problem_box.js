// An error box that goes away once the user has fixed what it complained about. A message like
// 请选择结论 is about one input; leaving it on screen after the input is filled reads as if the
// form were still wrong, so the box re-checks on every change of the inputs it names.

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
