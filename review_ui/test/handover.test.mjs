// The school's hand-over card (学校提交) without the DOM: what it offers for a status, and how an
// earlier refusal's lines clear as the school fixes what they named.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { handoverView, packageHref, refusalCodes, refusalStillHolds } from '../src/admin/handover_state.js'
import { HANDOVER_MESSAGES } from '../src/admin/handover_messages.js'

const short = { code: 'quota.school_excellent_short', message_zh: '还差 1 个。', message_en: '1 more.' }
const uncovered = { code: 'quota.school_subjects_uncovered', message_zh: '数学', message_en: 'maths' }
const waiting = { code: 'handover.awaiting_forward', message_zh: '另有 2 个', message_en: '2 more works' }

function status(over = {}) {
  return {
    state: 'open',
    ready: false,
    missing: [short, uncovered, waiting],
    by_subject: [{ subject: '语文', count: 2 }, { subject: '数学', count: 0 }],
    uncovered_subjects: ['数学'],
    since: null,
    ...over,
  }
}

test('an open school is offered the button even with something missing; a handed-over one is not', () => {
  const open = handoverView(status())
  assert.equal(open.canSubmit, true)
  assert.equal(open.ready, false)
  assert.equal(open.stateKey, 'handover.state.open')
  assert.deepEqual(open.subjects, [
    { subject: '语文', count: 2, uncovered: false },
    { subject: '数学', count: 0, uncovered: true },
  ])
  const since = { excellent_at_hand_over: 3, excellent_now: 2, change: -1, downgraded: 1, forwarded: 0 }
  const done = handoverView(status({ state: 'handed_over', ready: false, since }))
  assert.equal(done.canSubmit, false)
  assert.equal(done.stateKey, 'handover.state.handed_over')
  assert.deepEqual(done.since, since)
  assert.equal(handoverView(null).canSubmit, false, 'nothing read yet: no button')
})

test('a refusal keeps only the lines still missing, with their current wording, and clears when fixed', () => {
  const refusal = { code: 'handover.not_ready', violations: [short, uncovered, waiting] }
  assert.deepEqual(refusalCodes(refusal), [short.code, uncovered.code, waiting.code])
  const shorter = { ...short, message_zh: '还差 0 个。' }
  const kept = refusalStillHolds(refusal, status({ missing: [shorter, uncovered] }))
  assert.deepEqual(kept.violations, [shorter, uncovered], 'the forwarded work fixed the waiting line')
  assert.equal(refusalStillHolds(refusal, status({ missing: [], ready: true })), null, 'all fixed: cleared')
  assert.equal(refusalStillHolds(refusal, status({ state: 'handed_over', missing: [short] })), null, 'handed over: cleared')
  assert.equal(refusalStillHolds(null, status()), null)
})

test('the package link and the card messages', () => {
  assert.equal(packageHref(7), '/api/schools/7/handover/package.zip')
  for (const key of ['handover.state.open', 'handover.state.handed_over', 'desk.handover', 'handover.submit', 'handover.package']) {
    assert.ok(HANDOVER_MESSAGES[key]?.[0] && HANDOVER_MESSAGES[key]?.[1], key)
  }
  assert.equal(HANDOVER_MESSAGES['handover.state.open'][0], '未提交')
  assert.equal(HANDOVER_MESSAGES['handover.state.handed_over'][0], '已提交')
})
