// Pure helpers: the clock labels comments start with, the verdict a state shows, route matching.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { clock, parseClock, verdictOf } from '../src/core/format.js'
import { match } from '../src/core/router.js'

test('clock labels and parsing agree, to the whole second', () => {
  for (const [seconds, label] of [[0, '0:00'], [2.7, '0:02'], [75.4, '1:15'], [3725, '1:02:05']]) {
    assert.equal(clock(seconds), label)
    assert.equal(parseClock(label), Math.floor(seconds))
  }
  assert.equal(parseClock('1:15 板书清晰'), 75)
  assert.equal(parseClock('no time here'), null)
  assert.equal(clock(-3), '0:00')
})

test('a state shows the verdict the server maps it to, and none before grading', () => {
  // The map as GET /api/rules sends it (workflow.verdicts, from domain.workflow.VERDICTS).
  const verdicts = { scored_excellent: 'excellent', forwarded: 'excellent', downgraded: 'pass', scored_fail: 'fail' }
  assert.equal(verdictOf('scored_excellent', verdicts), 'excellent')
  assert.equal(verdictOf('forwarded', verdicts), 'excellent')
  assert.equal(verdictOf('downgraded', verdicts), 'pass')
  assert.equal(verdictOf('scored_fail', verdicts), 'fail')
  assert.equal(verdictOf('submitted', verdicts), null)
  assert.equal(verdictOf('returned', verdicts), null)
})

test('routes match whole paths only', () => {
  assert.deepEqual(match('/review/:id', '/review/12'), { id: '12' })
  assert.deepEqual(match('/review/:id', '/review/12/'), { id: '12' })
  assert.equal(match('/review/:id', '/review/12/extra'), null)
  assert.equal(match('/review/:id', '/reviews/12'), null)
})
