// The overall result's pure helpers: message keys for every result and rule, the pass rate's text,
// the counts in reading order, and which lines explain a result.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MESSAGES } from '../src/core/messages.js'
import { RESULT_ORDER, countsInOrder, explanationKind, passRateText, resultKey, ruleKey } from '../src/teacher/result_state.js'

test('every result and rule the API gives has a message in both languages', () => {
  for (const result of ['in_progress', 'pass', 'excellent', 'fail']) assert.ok(MESSAGES[resultKey(result)], result)
  assert.deepEqual(RESULT_ORDER.map((r) => MESSAGES[resultKey(r)][0]), ['进行中', '合格', '优秀', '不合格'])
  for (const rule of ['any_point', 'all_points', 'forwarded']) assert.ok(MESSAGES[ruleKey(rule)], rule)
  assert.equal(ruleKey('something_new'), null)
  assert.equal(resultKey('unknown'), 'result.in_progress')
})

test('the pass rate shows one decimal, and nothing while no selection is confirmed', () => {
  assert.equal(passRateText({ passed: 16, chosen: 18, percent: 88.9 }), '88.9%')
  assert.equal(passRateText({ passed: 3, chosen: 3, percent: 100 }), '100.0%')
  assert.equal(passRateText({ passed: 0, chosen: 0, percent: null }), null)
  assert.equal(passRateText(undefined), null)
})

test('counts come in reading order with zeros filled in', () => {
  assert.deepEqual(countsInOrder({ excellent: 2, in_progress: 5 }), [['in_progress', 5], ['pass', 0], ['excellent', 2], ['fail', 0]])
})

test('in progress says what is still needed, a fail says why, a settled result says nothing', () => {
  assert.equal(explanationKind('in_progress'), 'result.still_needed')
  assert.equal(explanationKind('fail'), 'result.why_fail')
  assert.equal(explanationKind('pass'), null)
  assert.equal(explanationKind('excellent'), null)
})
