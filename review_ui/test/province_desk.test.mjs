// The provincial reviewer's desk without the DOM: the works query, keyset paging back and forth,
// a round's body from the form, a fresh seed, the strata lines and the moves a row offers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  cursorOf,
  firstPage,
  freshSeed,
  nextPage,
  pageCount,
  prevPage,
  reviewMoves,
  roundBody,
  stratumValues,
  withResult,
  worksQuery,
} from '../src/province/desk_state.js'
import { PROVINCE_DESK_MESSAGES } from '../src/province/desk_messages.js'

test('the works query carries only the filters that are set', () => {
  assert.deepEqual(worksQuery({}), { limit: 25 })
  assert.deepEqual(worksQuery({ subject: '数学' }, 25, undefined, { count: false }), { limit: 25, subject: '数学', after: 25, count: false })
  assert.deepEqual(worksQuery({ school_id: 3, subject: '', verdict: 'pass', accepted_despite_checks: true, duplicate: false }, 17, 10), {
    limit: 10,
    school_id: 3,
    verdict: 'pass',
    accepted_despite_checks: true,
    after: 17,
  })
})

test('keyset paging goes forward by the server’s cursor and back by the cursors seen', () => {
  let pager = withResult(firstPage(), { next_after: 25, total: 60 })
  assert.equal(cursorOf(pager), null)
  assert.equal(pageCount(pager), 3)
  pager = withResult(nextPage(pager), { next_after: 50, total: null }) // count: false, the total kept
  assert.equal(cursorOf(pager), 25)
  assert.equal(pageCount(pager), 3)
  pager = withResult(nextPage(pager), { next_after: null, total: 60 })
  assert.equal(cursorOf(pager), 50)
  assert.equal(nextPage(pager), pager, 'no page after the last')
  pager = prevPage(pager)
  assert.equal(cursorOf(pager), 25)
  pager = prevPage(prevPage(pager))
  assert.equal(cursorOf(pager), null)
  assert.equal(pager.index, 0)
})

test('a round’s body follows the mode and refuses what is missing', () => {
  assert.deepEqual(roundBody({ mode: 'percent', percent: '10', count: '3', seed: ' s1 ', weighting: 'risk' }), {
    body: { mode: 'percent', weighting: 'risk', percent: 10, seed: 's1' },
  })
  assert.deepEqual(roundBody({ mode: 'count', count: '4', seed: '' }), { body: { mode: 'count', weighting: 'uniform', count: 4 } })
  assert.deepEqual(roundBody({ mode: 'count', count: '2.5' }), { problem: 'round.need_value' })
  assert.deepEqual(roundBody({ mode: 'percent', percent: '120' }), { problem: 'round.need_value' })
  assert.deepEqual(roundBody({ mode: 'percent', percent: '' }), { body: { mode: 'percent', weighting: 'uniform' } }, 'the server’s rate')
  assert.deepEqual(roundBody({ mode: 'count', count: '' }), { problem: 'round.need_value' })
  assert.deepEqual(roundBody({ mode: 'count', count: '1', seed: ' ' }, { seedRequired: true }), { problem: 'round.need_seed' })
})

test('a fresh seed reads as the day and five unambiguous symbols', () => {
  assert.equal(freshSeed('2026-12-06', () => [0, 1, 2, 22, 23]), '20261206-346Y3')
  assert.match(freshSeed('2026-12-06'), /^20261206-[34679ACDEFHJKLMNPRTUWXY]{5}$/)
})

test('a stratum reads with its weight to two decimals', () => {
  const s = { school_name: '示范中学', subject: '语文', size: 4, weight: 1.6667, drawn: 2 }
  assert.deepEqual(stratumValues(s), { school: '示范中学', subject: '语文', size: 4, weight: '1.67', drawn: 2 })
  assert.equal(stratumValues({ ...s, weight: 1 }).weight, '1')
})

test('a row offers the server’s moves; undoing a downgrade needs a reason', () => {
  assert.deepEqual(reviewMoves({ state: 'forwarded', allowed_actions: ['sample', 'confirm', 'downgrade'] }), [
    { action: 'confirm', label: 'pdesk.confirm', reasonRequired: false },
    { action: 'downgrade', label: 'pdesk.downgrade', reasonRequired: true },
  ])
  assert.deepEqual(reviewMoves({ state: 'downgraded', allowed_actions: ['confirm'] }), [{ action: 'confirm', label: 'pdesk.undo', reasonRequired: true }])
  assert.deepEqual(reviewMoves({ state: 'confirmed', allowed_actions: [] }), [])
})

test('every desk message has Chinese and English', () => {
  for (const [key, pair] of Object.entries(PROVINCE_DESK_MESSAGES)) {
    assert.equal(pair.length, 2, key)
    assert.ok(pair[0] && pair[1], key)
  }
})
