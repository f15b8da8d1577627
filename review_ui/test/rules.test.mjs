// Rules read from the server (GET /api/rules), not copied: the selection's progress counts
// against whatever numbers the server sent, and the session length reads as minutes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { minuteCount } from '../src/core/format.js'
import { currentRules, forgetRules, loadRules } from '../src/core/rules.js'
import { selectionProgress } from '../src/teacher/selection_progress.js'

const POINTS = new Map(
  [
    ['A1', 'learner_analysis'],
    ['A2', 'instructional_design'],
    ['A5', 'learning_guidance'],
    ['B1', 'learner_analysis'],
    ['B2', 'instructional_design'],
  ].map(([code, dimension]) => [code, { code, dimension }]),
)
const rules = (points, dimensions) => ({ selection: { points_per_teacher: points, min_dimensions: dimensions, window_days: 7 } })

test('the count and the dimensions needed are the server\'s, not three', () => {
  const four = rules(4, 2)
  const three = selectionProgress(['A1', 'B1', 'A2'], POINTS, four)
  assert.equal(three.needed, 4)
  assert.equal(three.minDimensions, 2)
  assert.equal(three.missing, 1)
  assert.equal(three.complete, false)
  assert.deepEqual(three.dimensions, ['learner_analysis', 'instructional_design'])
  const done = selectionProgress(['A1', 'B1', 'A2', 'B2'], POINTS, four)
  assert.equal(done.missing, 0)
  assert.equal(done.complete, true)
})

test('a smaller count is complete sooner, and too many is not complete', () => {
  assert.equal(selectionProgress(['A1', 'A2'], POINTS, rules(2, 2)).complete, true)
  const over = selectionProgress(['A1', 'A2', 'A5'], POINTS, rules(2, 2))
  assert.equal(over.complete, false)
  assert.equal(over.missing, 0)
})

test('nothing chosen yet, and codes the catalogue does not know', () => {
  const empty = selectionProgress([], POINTS, rules(3, 3))
  assert.deepEqual([empty.count, empty.missing, empty.dimensions.length], [0, 3, 0])
  assert.deepEqual(selectionProgress(['Z9'], POINTS, rules(3, 3)).dimensions, [])
})

test('a session length in minutes: whole where it is whole, else to a tenth', () => {
  assert.equal(minuteCount(600), '10')
  assert.equal(minuteCount(450), '7.5')
  assert.equal(minuteCount(900.0), '15')
  assert.equal(minuteCount(100), '1.7')
})

test('the rules are asked for once per sign-in, and again after forgetRules()', async () => {
  const asked = []
  const answer = rules(4, 2)
  const original = globalThis.fetch
  globalThis.fetch = async (path) => {
    asked.push(path)
    return { status: 200, ok: true, headers: new Map([['content-type', 'application/json']]), json: async () => answer }
  }
  try {
    assert.throws(() => currentRules(), /not loaded/)
    const [first, second] = await Promise.all([loadRules(), loadRules()])
    assert.equal(first, answer)
    assert.equal(second, answer)
    assert.equal(await loadRules(), answer)
    assert.equal(currentRules().selection.points_per_teacher, 4)
    assert.deepEqual(asked, ['/api/rules'])
    forgetRules()
    assert.throws(() => currentRules(), /not loaded/)
    await loadRules()
    assert.deepEqual(asked, ['/api/rules', '/api/rules'])
  } finally {
    globalThis.fetch = original
    forgetRules()
  }
})
