// Changing a confirmed selection warns about dropped points that hold the teacher's work.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { droppedWithWork } from '../src/teacher/selection_change.js'
import { SELECTION_MESSAGES } from '../src/teacher/selection_messages.js'

const work = [
  { capability_code: 'A1', state: 'scored_pass' },
  { capability_code: 'B2', state: 'draft' },
  { capability_code: 'C3', state: 'submitted' },
]

test('only dropped points with work are named; work past a draft blocks the drop', () => {
  assert.deepEqual(droppedWithWork(['A1', 'B2', 'C3'], ['A1', 'C3'], work), [{ code: 'B2', states: ['draft'], blocked: false }])
  assert.deepEqual(droppedWithWork(['A1', 'B2', 'C3'], ['B2', 'D4'], work), [
    { code: 'A1', states: ['scored_pass'], blocked: true },
    { code: 'C3', states: ['submitted'], blocked: true },
  ])
  assert.deepEqual(droppedWithWork(['A1', 'E5'], ['A1'], work), [], 'a dropped point without work needs no warning')
  assert.deepEqual(droppedWithWork(['A1'], ['A1'], work), [])
})

test('the final note says who may change a confirmed choice, in both languages', () => {
  const [zh, en] = SELECTION_MESSAGES['selection.final_note']
  assert.equal(zh, '确认后不可自行修改，如需变更须由学校管理员批准。')
  assert.match(en, /approval/)
  for (const key of ['selection.drop_blocked', 'selection.drop_draft']) {
    for (const text of SELECTION_MESSAGES[key]) assert.ok(text.includes('{code}') && text.includes('{states}'), text)
  }
})
