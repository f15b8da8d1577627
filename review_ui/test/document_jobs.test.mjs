// A slot's document upload outlives the card that started it: the card on screen when it ends
// refreshes, and when the card is being rebuilt right then, the rebuilt one refreshes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sendAll, watchSlot } from '../src/documents/upload_jobs.js'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

function fakeView({ shown = true } = {}) {
  const view = { states: [], refreshed: 0, shown }
  view.watch = { show: (state) => view.states.push(state), isShown: () => view.shown, onChanged: async () => view.refreshed++ }
  return view
}

function gate() {
  let open
  const done = new Promise((resolve) => (open = resolve))
  return { done, open }
}

test('the card on screen refreshes once after its documents are stored, and shows the progress', async () => {
  const view = fakeView()
  const unwatch = watchSlot('slot-a', view.watch)
  const sent = []
  await sendAll('slot-a', [{ name: 'a.pdf' }, { name: 'b.pdf' }], {
    submissionId: async () => 7,
    send: async (id, file, { onProgress }) => {
      onProgress(100)
      sent.push([id, file.name])
    },
  })
  unwatch()
  assert.deepEqual(sent, [[7, 'a.pdf'], [7, 'b.pdf']])
  assert.equal(view.refreshed, 1)
  assert.equal(view.states.at(-1).busy, false)
  assert.ok(view.states.some((state) => state.busy && state.index === 2 && state.count === 2))
})

test('an upload that ends while its card is being rebuilt refreshes the rebuilt card', async () => {
  const old = fakeView()
  const unwatchOld = watchSlot('slot-b', old.watch)
  const sending = gate()
  const finished = sendAll('slot-b', [{ name: '学情分析方案.pdf' }], { submissionId: async () => 1, send: () => sending.done })
  unwatchOld() // the card is rebuilt: the old one goes away before the new one has its documents part
  sending.open()
  await finished
  assert.equal(old.refreshed, 0, 'the old card is gone')
  const rebuilt = fakeView()
  const unwatch = watchSlot('slot-b', rebuilt.watch)
  await tick()
  unwatch()
  assert.equal(rebuilt.refreshed, 1, 'it was built from data read before the store, so it refreshes')
  const later = fakeView()
  watchSlot('slot-b', later.watch)()
  await tick()
  assert.equal(later.refreshed, 0, 'once only')
})

test('a view not on the page leaves the refresh to the next one; nothing stored, nothing refreshed', async () => {
  await sendAll('slot-c', [{ name: 'x.pdf' }], { submissionId: async () => 1, send: async () => {} })
  const detached = fakeView({ shown: false })
  watchSlot('slot-c', detached.watch)()
  await tick()
  assert.equal(detached.refreshed, 0)
  const shown = fakeView()
  const unwatch = watchSlot('slot-c', shown.watch)
  await tick()
  assert.equal(shown.refreshed, 1)
  await sendAll('slot-c', [{ name: 'bad.exe' }], {
    submissionId: async () => 1,
    send: async () => {
      throw new Error('refused')
    },
  })
  unwatch()
  assert.equal(shown.refreshed, 1)
  assert.equal(shown.states.at(-1).refused[0].name, 'bad.exe')
})
