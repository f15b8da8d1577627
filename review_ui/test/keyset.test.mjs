// Keyset paging in the UI: the next cursor read from X-Next-After, the query of the page after it
// (never an offset), and the 更多 pager's state.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NEXT_HEADER, afterPage, firstMore, nextCursor, onMore, withCursor } from '../src/core/keyset.js'

test('the next cursor is the X-Next-After header, and none on the last page', () => {
  assert.equal(nextCursor(new Headers({ [NEXT_HEADER]: 'abc.def' })), 'abc.def')
  assert.equal(nextCursor(new Headers({ 'x-next-after': 'abc.def' })), 'abc.def', 'header names ignore case')
  assert.equal(nextCursor(new Headers()), null)
  assert.equal(nextCursor(new Headers({ [NEXT_HEADER]: '' })), null)
  assert.equal(nextCursor(undefined), null)
})

test('the page after a cursor keeps the filters, adds after and drops any offset', () => {
  assert.deepEqual(withCursor({ limit: 50, action: 'forward' }, 'c1'), { limit: 50, action: 'forward', after: 'c1' })
  assert.deepEqual(withCursor({ limit: 50, offset: 100, after: 'old' }, 'c2'), { limit: 50, after: 'c2' })
  assert.deepEqual(withCursor({ limit: 50, after: 'old' }), { limit: 50 }, 'null: the first page')
})

test('the 更多 pager asks with the last cursor and stops on the last page', () => {
  let pager = firstMore()
  assert.deepEqual(pager, { after: null, more: false })
  pager = afterPage(pager, 'c1')
  assert.deepEqual(pager, { after: 'c1', more: true })
  pager = afterPage(pager, null)
  assert.equal(pager.more, false)
})

test('更多 asks once per click and comes back after a failed request while there is more', async () => {
  const listeners = {}
  const button = { hidden: false, addEventListener: (name, fn) => (listeners[name] = fn) }
  let calls = 0
  let fail = false
  const fetchPage = async () => {
    calls += 1
    if (fail) throw new Error('offline')
  }
  onMore(button, fetchPage, () => true)
  listeners.click()
  assert.equal(button.hidden, true, 'hidden while its page loads')
  await Promise.resolve()
  assert.equal(calls, 1)
  fail = true
  listeners.click()
  await new Promise((resolve) => setTimeout(resolve, 0))
  assert.equal(button.hidden, false, 'back after a failure, since there is more')
})
