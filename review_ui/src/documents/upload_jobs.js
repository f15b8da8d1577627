// What a slot's document upload is doing, kept outside any view: a card rebuilt meanwhile (a
// language switch, the card's own refresh, the processing settling) shows the same upload and
// the same refusals. Pure: the views and the sender are passed in, so node tests drive it.
const jobs = new Map() // slot → { state, views: Set of { show, isShown, onChanged }, unseen }

function job(slot) {
  if (!jobs.has(slot)) jobs.set(slot, { state: { busy: false, refused: [] }, views: new Set(), unseen: false })
  return jobs.get(slot)
}

function update(slot, changes) {
  const entry = job(slot)
  entry.state = { ...entry.state, ...changes }
  for (const view of entry.views) view.show(entry.state)
}

/**
 * A view of `slot`: show(state) now and on every change; onChanged() refreshes the card after
 * documents were stored. A view that registers while a stored document is still unseen (the
 * upload ended while its card was being rebuilt, from data read before the store) refreshes once,
 * after its build has put it on the page. Returns the unwatch function.
 */
export function watchSlot(slot, view) {
  const entry = job(slot)
  entry.views.add(view)
  view.show(entry.state)
  if (entry.unseen) {
    entry.unseen = false
    setTimeout(() => {
      if (view.isShown()) view.onChanged()
      else entry.unseen = true
    }, 0)
  }
  return () => entry.views.delete(view)
}

/**
 * Send `files` in order with send(id, file, {itemKey, onProgress}); a refusal does not stop the
 * others. The view on screen then refreshes; with none on screen the next one to register does.
 */
export async function sendAll(slot, files, { itemKey = null, submissionId, send }) {
  update(slot, { busy: true, refused: [], percent: 0 })
  let stored = 0
  for (const [n, file] of files.entries()) {
    update(slot, { name: file.name, index: n + 1, count: files.length, percent: 0 })
    try {
      const id = await submissionId()
      await send(id, file, { itemKey, onProgress: (percent) => update(slot, { percent }) })
      stored += 1
    } catch (error) {
      update(slot, { refused: [...job(slot).state.refused, { name: file.name, error }] })
    }
  }
  update(slot, { busy: false })
  if (!stored) return
  const shown = [...job(slot).views].find((view) => view.isShown())
  if (shown) await shown.onChanged()
  else job(slot).unseen = true
}
