// The audit log's reason column: sentences as they are, recorded facts (JSON) as short lines.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { reasonLines } from '../src/admin/audit_reason.js'

test('a sentence stays one line, and nothing gives no lines', () => {
  assert.deepEqual(reasonLines('请补充课堂实录'), ['请补充课堂实录'])
  assert.deepEqual(reasonLines(null), [])
  assert.deepEqual(reasonLines(''), [])
})

test('a roster import’s facts become one line per key, nested objects flattened', () => {
  const reason = JSON.stringify({
    accounts_created: 1,
    format: 'csv',
    school: { code: 'DEMO-001', outcome: 'unchanged' },
    teachers: { unchanged: 1 },
  })
  assert.deepEqual(reasonLines(reason), [
    'accounts_created: 1',
    'format: csv',
    'school: code DEMO-001, outcome unchanged',
    'teachers: unchanged 1',
  ])
})

test('text that only looks like JSON is shown as written', () => {
  assert.deepEqual(reasonLines('{不是 JSON'), ['{不是 JSON'])
  assert.deepEqual(reasonLines('[1, 2]'), ['[1, 2]'])
})
