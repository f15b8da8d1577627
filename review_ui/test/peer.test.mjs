// The watch tracker: what the player reports as really played (seeks, pauses and rate changes
// close a segment; a report hands segments over once; failed ones go back), and the list's states.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MESSAGES } from '../src/core/messages.js'
import { createTracker, peerStatus, sharePercent } from '../src/peer/watch_tracker.js'

function clock() {
  let now = 0
  return { now: () => now, advance: (s) => (now += s) }
}

test('continuous playback is one segment with its wall time', () => {
  const c = clock()
  const tr = createTracker({ maxRate: 2, now: c.now })
  for (let p = 0; p <= 10; p += 0.25) {
    tr.at(p)
    c.advance(0.25)
  }
  assert.deepEqual(tr.take(), [{ start: 0, end: 10, wall_s: 10 }])
})

test('a seek to the end starts a new segment: the skipped stretch is in none', () => {
  const c = clock()
  const tr = createTracker({ now: c.now })
  tr.at(0)
  c.advance(5)
  tr.at(5)
  tr.cut() // seeking
  tr.at(235)
  c.advance(5)
  tr.at(240)
  tr.cut() // ended
  assert.deepEqual(tr.take(), [
    { start: 0, end: 5, wall_s: 5 },
    { start: 235, end: 240, wall_s: 5 },
  ])
})

test('a jump forward without a seeking event is still a new segment', () => {
  const c = clock()
  const tr = createTracker({ maxRate: 2, now: c.now })
  tr.at(0)
  c.advance(1)
  tr.at(1)
  c.advance(0.25)
  tr.at(100)
  c.advance(1)
  tr.at(101)
  tr.cut()
  assert.deepEqual(tr.take(), [
    { start: 0, end: 1, wall_s: 1 },
    { start: 100, end: 101, wall_s: 1 },
  ])
})

test('a report takes segments once; an open one continues; failed ones go back', () => {
  const c = clock()
  const tr = createTracker({ now: c.now })
  tr.at(0)
  c.advance(4)
  tr.at(4)
  const first = tr.take()
  assert.deepEqual(first, [{ start: 0, end: 4, wall_s: 4 }])
  c.advance(2)
  tr.at(6)
  assert.deepEqual(tr.take(), [{ start: 4, end: 6, wall_s: 2 }])
  assert.deepEqual(tr.take(), [])
  tr.putBack(first)
  assert.deepEqual(tr.take(), first)
})

test('states and messages of the list', () => {
  assert.equal(peerStatus({ done: true, overdue: true, counted: true }), 'done')
  assert.equal(peerStatus({ done: false, overdue: true, counted: true }), 'overdue')
  assert.equal(peerStatus({ done: false, overdue: false, counted: true }), 'comment')
  assert.equal(peerStatus({ done: false, overdue: false, counted: false }), 'todo')
  for (const s of ['done', 'overdue', 'comment', 'todo']) assert.equal(MESSAGES[`peer.status.${s}`].length, 2)
  for (const p of ['school', 'district', 'province']) assert.ok(MESSAGES[`peer.pool.${p}`])
  assert.equal(sharePercent(0.8541666), 85.4)
  assert.equal(sharePercent(undefined), 0)
})
