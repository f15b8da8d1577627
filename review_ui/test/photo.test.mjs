// Reference photos: which state a teacher's references add up to, that every state has a label
// in both languages, and that waiting for a photo's check stops (settled, bounded, or told to).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MESSAGES } from '../src/core/messages.js'
import {
  PHOTO_LABEL_KEYS,
  PHOTO_STATES,
  isSettled,
  latestReference,
  normalState,
  photoCount,
  photoStateOf,
  pollUntil,
  usableReference,
} from '../src/people/photo_state.js'

const ref = (id, state, created_at, extra = {}) => ({ id, state, created_at, ...extra })
const noSleep = () => Promise.resolve()

test('every photo state has its label in both languages', () => {
  assert.deepEqual(Object.keys(PHOTO_LABEL_KEYS).sort(), [...PHOTO_STATES].sort())
  for (const key of Object.values(PHOTO_LABEL_KEYS)) assert.ok(MESSAGES[key]?.[0] && MESSAGES[key]?.[1], key)
  const labels = Object.values(PHOTO_LABEL_KEYS).map((key) => MESSAGES[key][0])
  assert.equal(new Set(labels).size, labels.length, 'two states read the same')
})

test('an unknown or missing state never reads as a photo', () => {
  assert.equal(normalState(undefined), 'none')
  assert.equal(normalState('weird'), 'none')
  assert.equal(normalState('ok'), 'ok')
  assert.equal(isSettled('pending'), false)
  for (const state of ['none', 'ok', 'refused', 'failed']) assert.equal(isSettled(state), true)
})

test('a usable photo stays while its replacement is checked or refused', () => {
  assert.equal(photoStateOf([]), 'none')
  assert.equal(photoStateOf(null), 'none')
  const old = ref('a', 'ok', '2025-03-01T08:00:00Z')
  assert.equal(photoStateOf([old, ref('b', 'pending', '2025-03-02T08:00:00Z')]), 'ok')
  assert.equal(photoStateOf([old, ref('b', 'refused', '2025-03-02T08:00:00Z')]), 'ok')
})

test('without a usable photo the newest attempt decides', () => {
  const first = ref('a', 'refused', '2025-03-01T08:00:00Z')
  assert.equal(photoStateOf([first]), 'refused')
  assert.equal(photoStateOf([first, ref('b', 'pending', '2025-03-02T08:00:00Z')]), 'pending')
  assert.equal(photoStateOf([ref('b', 'failed', '2025-03-02T08:00:00Z'), first]), 'failed')
  assert.equal(latestReference([ref('b', 'failed', '2025-03-02T08:00:00Z'), first]).id, 'b')
})

test('the usable photo named is the newest accepted one, with its source', () => {
  const refs = [
    ref('a', 'ok', '2025-03-01T08:00:00Z', { source: 'photo' }),
    ref('b', 'ok', '2025-03-03T08:00:00Z', { source: 'session_face' }),
    ref('c', 'refused', '2025-03-04T08:00:00Z', { source: 'photo' }),
  ]
  assert.equal(usableReference(refs).source, 'session_face')
  assert.equal(usableReference([refs[2]]), null)
})

test('polling ends as soon as the photo is no longer pending', async () => {
  const answers = ['pending', 'pending', 'ok']
  let asked = 0
  const poll = pollUntil(async () => answers[asked++], { isDone: isSettled, sleep: noSleep })
  const result = await poll.promise
  assert.deepEqual(result, { done: true, stopped: false, value: 'ok', error: null })
  assert.equal(asked, 3)
})

test('polling is bounded', async () => {
  let asked = 0
  const poll = pollUntil(async () => (asked++, 'pending'), { isDone: isSettled, maxTries: 5, sleep: noSleep })
  const result = await poll.promise
  assert.equal(result.done, false)
  assert.equal(result.stopped, false)
  assert.equal(asked, 5)
})

test('polling stops when told, and asks nothing more', async () => {
  let asked = 0
  let poll
  const sleep = async () => {
    if (asked === 2) poll.stop()
  }
  poll = pollUntil(async () => (asked++, 'pending'), { isDone: isSettled, maxTries: 100, sleep })
  const result = await poll.promise
  assert.equal(result.stopped, true)
  assert.equal(result.done, false)
  assert.equal(asked, 2)
})

test('a network error is asked again; a refusal (4xx) ends the polling', async () => {
  let asked = 0
  const flaky = pollUntil(
    async () => {
      asked += 1
      if (asked === 1) throw Object.assign(new Error('offline'), { status: 0 })
      return 'ok'
    },
    { isDone: isSettled, sleep: noSleep },
  )
  assert.equal((await flaky.promise).done, true)
  assert.equal(asked, 2)
  const gone = pollUntil(
    async () => {
      throw Object.assign(new Error('not found'), { status: 404 })
    },
    { isDone: isSettled, sleep: noSleep },
  )
  await assert.rejects(gone.promise, /not found/)
})

test('the summary counts usable photos only', () => {
  const states = new Map([[1, 'ok'], [2, 'pending'], [3, 'none'], [4, 'ok'], [5, 'refused']])
  assert.deepEqual(photoCount(states), { ok: 2, total: 5 })
  assert.deepEqual(photoCount(new Map()), { ok: 0, total: 0 })
})

test('a photo goes up as its raw bytes, replacing the others only when asked', async () => {
  const { uploadReference, uploadPhotoZip } = await import('../src/people/photo_api.js')
  const sent = []
  const saved = globalThis.fetch
  globalThis.fetch = async (path, init) => {
    sent.push({ path, init })
    return new Response(JSON.stringify({ id: 'r1', state: 'pending' }), { status: 202, headers: { 'content-type': 'application/json' } })
  }
  try {
    const jpeg = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })
    const heic = new Blob([new Uint8Array([0])], { type: 'image/heic' })
    assert.equal((await uploadReference(7, jpeg)).state, 'pending')
    await uploadReference(7, heic, { replace: true })
    await uploadPhotoZip(3, new Blob([new Uint8Array([0x50, 0x4b])]))
  } finally {
    globalThis.fetch = saved
  }
  assert.equal(sent[0].path, '/api/teachers/7/references')
  assert.equal(sent[0].init.method, 'POST')
  assert.equal(sent[0].init.headers['Content-Type'], 'image/jpeg')
  assert.ok(sent[0].init.body instanceof Blob)
  assert.equal(sent[1].path, '/api/teachers/7/references?replace=true')
  assert.equal(sent[1].init.headers['Content-Type'], 'application/octet-stream') // the server reads the bytes
  assert.equal(sent[2].path, '/api/schools/3/reference-photos')
  assert.equal(sent[2].init.headers['Content-Type'], 'application/zip')
})
