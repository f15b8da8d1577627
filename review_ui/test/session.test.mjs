// Session cards: a participant's presence (also from analyses stored before it was written), and
// the signature that decides whether the leader's page redraws its cards.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { presenceOf, sessionsSignature } from '../src/leader/session_state.js'

test('presence comes from the state, or from seen and has_reference in older analyses', () => {
  assert.equal(presenceOf({ state: 'no_reference', seen: false }), 'no_reference')
  assert.equal(presenceOf({ seen: true }), 'seen')
  assert.equal(presenceOf({ seen: false, has_reference: false }), 'no_reference')
  assert.equal(presenceOf({ seen: false }), 'not_seen')
})

test('the signature changes with a new identification, an acceptance or the hand-over, not otherwise', () => {
  const session = { id: 'a', status: 'rejected', standing: { state: 'checks_failed' }, analysis: { identified_at: 't1' } }
  const base = sessionsSignature([session], { state: 'open' })
  assert.equal(sessionsSignature([{ ...session }], { state: 'open' }), base)
  assert.notEqual(sessionsSignature([{ ...session, analysis: { identified_at: 't2' } }], { state: 'open' }), base)
  assert.notEqual(sessionsSignature([{ ...session, acceptance: { at: 'now' } }], { state: 'open' }), base)
  assert.notEqual(sessionsSignature([session], { state: 'submitted' }), base)
  assert.notEqual(sessionsSignature([], { state: 'open' }), base)
})
