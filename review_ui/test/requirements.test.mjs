// A point's evidence requirements on the teacher's card: the list before any upload, the upload
// offered only for a point that asks for a video, and 提交 blocked while any item is not met.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { amount, asksVideo, blockers, canSubmit, cardRequirements, durationLimit, extraDescription, formatsLabel, sizeCapMb } from '../src/teacher/requirements_state.js'
import { REQUIREMENTS_MESSAGES } from '../src/teacher/requirements_messages.js'

// As GET /api/catalogue/points sends A1 (CATALOG.md §3, S1) and C4 (S6).
const A1 = {
  known: true,
  asks_video: true,
  note: null,
  met: null,
  items: [
    { key: '学情分析方案', kind: 'document', description_zh: '学情分析方案（提交文件格式不限，建议为表格式的文本文档）', accepted_formats: null, max_bytes: null, min_duration_s: null, max_duration_s: null, state: null, reason: null },
    { key: '学情分析报告', kind: 'video', description_zh: '学情分析报告（提交文件格式为视频）', accepted_formats: null, max_bytes: null, min_duration_s: null, max_duration_s: 300, state: null, reason: null },
  ],
}
const C4 = { known: true, asks_video: false, note: null, met: null, items: [{ key: '设计方案', kind: 'document', description_zh: '设计方案', state: null }] }

test('before any upload the point\'s items are listed, every one still to hand in', () => {
  const shown = cardRequirements({ requirements: A1 }, null)
  assert.deepEqual(shown.items.map((i) => [i.key, i.state]), [['学情分析方案', 'missing'], ['学情分析报告', 'missing']])
  assert.equal(shown.met, false)
  assert.equal(A1.items[0].state, null, 'the catalogue entry itself is left as it was')
  assert.equal(canSubmit(shown), false)
})

test('the work\'s own states win over the catalogue\'s list', () => {
  const reason = { code: 'requirements.video_too_long', message_zh: '学情分析报告视频时长 12:00 超过上限 5 分钟。', message_en: 'The 学情分析报告 video lasts 12:00, over its 5-minute limit.' }
  const submission = {
    requirements: { ...A1, met: false, items: [{ ...A1.items[0], state: 'satisfied' }, { ...A1.items[1], state: 'violating', reason }] },
  }
  const shown = cardRequirements({ requirements: A1 }, submission)
  assert.deepEqual(blockers(shown).map((i) => [i.key, i.reason.code]), [['学情分析报告', 'requirements.video_too_long']])
  assert.equal(canSubmit(shown), false)
  const done = { requirements: { ...A1, met: true, items: A1.items.map((i) => ({ ...i, state: 'satisfied' })) } }
  assert.equal(canSubmit(cardRequirements({ requirements: A1 }, done)), true)
})

test('a video upload is offered only where the point asks for one', () => {
  assert.equal(asksVideo(A1), true)
  assert.equal(asksVideo(C4), false)
  assert.equal(asksVideo(null), true, 'nothing sent: the programme default, a lesson recording')
  assert.equal(canSubmit(null), true, 'nothing sent: the server decides')
})

test('limits read the way the catalogue wrote them', () => {
  assert.deepEqual(amount(300), { n: 5, unit: 'min' })
  assert.deepEqual(amount(90), { n: 90, unit: 's' })
  assert.deepEqual(durationLimit(A1.items[1]), { kind: 'at_most', hi: { n: 5, unit: 'min' } })
  assert.deepEqual(durationLimit({ min_duration_s: 60, max_duration_s: 600 }), { kind: 'between', lo: { n: 1, unit: 'min' }, hi: { n: 10, unit: 'min' } })
  assert.deepEqual(durationLimit({ min_duration_s: 5 }), { kind: 'at_least', lo: { n: 5, unit: 's' } })
  assert.equal(durationLimit(A1.items[0]), null)
  assert.equal(formatsLabel({ accepted_formats: ['pdf', 'docx'] }), 'pdf / docx')
  assert.equal(formatsLabel(A1.items[0]), null)
  assert.equal(sizeCapMb({ max_bytes: 2 * 1024 * 1024 }), '2.0')
  assert.equal(sizeCapMb(A1.items[0]), null)
  assert.equal(extraDescription(A1.items[0]), A1.items[0].description_zh)
  assert.equal(extraDescription({ key: '设计方案', description_zh: '设计方案' }), null)
})

test('every state and unit the helpers give has its words in both languages', () => {
  for (const key of ['satisfied', 'missing', 'pending', 'violating', 'unit_min', 'unit_s', 'at_most', 'at_least', 'between']) {
    const entry = REQUIREMENTS_MESSAGES[`requirements.${key}`]
    assert.ok(entry && entry[0] && entry[1], key)
  }
})

test('a group leader hands their own work to the school admin, so 提交 says so', async () => {
  const { submitLabelKey } = await import('../src/teacher/requirements_state.js')
  assert.equal(submitLabelKey('submit', 'school_admin'), 'submission.submit_to_school')
  assert.equal(submitLabelKey('submit', 'group_leader'), 'submission.submit')
  assert.equal(submitLabelKey('submit', undefined), 'submission.submit')
  assert.equal(submitLabelKey('resubmit', 'school_admin'), 'submission.resubmit')
})
