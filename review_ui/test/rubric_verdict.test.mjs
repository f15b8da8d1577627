// The grading form's live verdict follows the 考核规范 rule exactly as the server does
// (domain/rubric_grading.py): an item is 优秀 only if all its criteria are, 不合格 if any is;
// the point combines its items the same way; the why names the counts and the rule.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { combine, derive, explain, scoreLevel } from '../src/review/rubric_verdict.js'

const A1 = [
  { key: 'c1', item_key: '学情分析方案' },
  { key: 'c2', item_key: '学情分析方案' },
  { key: 'c3', item_key: '学情分析报告' },
]
const WHOLE = [{ key: 'c1' }, { key: 'c2' }, { key: 'c3' }, { key: 'c4', item_key: null }]

test('优秀 only if every one is 优秀; 不合格 if any is; otherwise 合格', () => {
  assert.equal(combine(['excellent', 'excellent']), 'excellent')
  assert.equal(combine(['excellent', 'pass']), 'pass')
  assert.equal(combine(['excellent', 'fail', 'pass']), 'fail')
})

test('no verdict until every criterion has a level', () => {
  const derived = derive(A1, { c1: 'excellent', c2: 'excellent' })
  assert.equal(derived.complete, false)
  assert.equal(derived.level, null)
  assert.deepEqual(explain(derived), [])
})

test('items first, then the point', () => {
  const derived = derive(A1, { c1: 'excellent', c2: 'pass', c3: 'excellent' })
  assert.deepEqual(derived.items.map((i) => [i.item, i.level]), [['学情分析方案', 'pass'], ['学情分析报告', 'excellent']])
  assert.equal(derived.level, 'pass')
  assert.deepEqual(explain(derived), [
    '学情分析方案：2 项标准中 1 项优秀、1 项合格 → 合格',
    '学情分析报告：1 项标准中 1 项优秀 → 优秀',
    '能力点：2 项证据中 1 项优秀、1 项合格 → 合格：优秀需每项均为优秀',
  ])
})

test('a whole-point rubric explains by criteria, as the server words it', () => {
  const derived = derive(WHOLE, { c1: 'excellent', c2: 'excellent', c3: 'excellent', c4: 'pass' })
  assert.deepEqual(explain(derived), ['能力点：4 项标准中 3 项优秀、1 项合格 → 合格：优秀需每项均为优秀'])
  const failed = derive(WHOLE, { c1: 'excellent', c2: 'fail', c3: 'excellent', c4: 'excellent' })
  assert.deepEqual(explain(failed), ['能力点：4 项标准中 3 项优秀、1 项不合格 → 不合格：任何一项不合格即为不合格'])
})

test('a score reaches a level by the teacher’s lines, the line itself included', () => {
  const lines = { pass_line: 80, excellent_line: 90 }
  assert.equal(scoreLevel('', lines), null)
  assert.equal(scoreLevel('79.5', lines), 'fail')
  assert.equal(scoreLevel('80', lines), 'pass')
  assert.equal(scoreLevel(90, lines), 'excellent')
})
