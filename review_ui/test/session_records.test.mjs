// A session's training record in the UI: lengths counted as the server counts them (no whitespace),
// and the signed-in teacher's own line on a record (whose 心得 form to show).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { myLine, textLength } from '../src/records/record_state.js'

test('a length counts characters without whitespace, as domain.session_record.text_length does', () => {
  assert.equal(textLength(''), 0)
  assert.equal(textLength(undefined), 0)
  assert.equal(textLength('  学 习\n心得 '), 4)
  assert.equal(textLength('abc def'), 6)
})

test('only a listed teacher gets their own line', () => {
  const record = { participants: [{ teacher_id: 1 }, { teacher_id: 2, reflection_written: true }] }
  assert.deepEqual(myLine(record, 2), { teacher_id: 2, reflection_written: true })
  assert.equal(myLine(record, 3), null)
  assert.equal(myLine(record, null), null)
})
