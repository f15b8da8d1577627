// The school admin's desk: the 待办 total, the history filter's query, what a forward sends the
// province, and the notice that says what a forward or return did.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { HISTORY_PAGE, deskTotal, forwardPackage, historyQuery, movedNotice } from '../src/admin/desk_state.js'
import { DESK_MESSAGES } from '../src/admin/desk_messages.js'

test('the 待办 total adds the three lists and survives a missing desk', () => {
  assert.equal(deskTotal({ leaders_work: 1, groups_submitted: 2, to_forward: 3 }), 6)
  assert.equal(deskTotal(undefined), 0)
})

test('the history query asks for one known action or all, a page at a time by cursor', () => {
  assert.deepEqual(historyQuery('forward'), { action: 'forward', limit: HISTORY_PAGE })
  assert.deepEqual(historyQuery('', 'WyJzY2hvb2xfaGlzdG9yeSIsNDJd.sig'), { limit: HISTORY_PAGE, after: 'WyJzY2hvb2xfaGlzdG9yeSIsNDJd.sig' })
  assert.deepEqual(historyQuery('score_pass'), { limit: HISTORY_PAGE }, 'not a desk move: all four')
  assert.ok(!('offset' in historyQuery('return', 'c')), 'never an offset')
})

test('a forward names the teacher, the point, the recording and every document', () => {
  const submission = { teacher_name: '李娜', recording_id: 'r1', documents: [{ filename: '学情分析方案.docx' }] }
  assert.deepEqual(forwardPackage(submission, 'A1 技术支持的学情分析'), {
    teacher: '李娜',
    point: 'A1 技术支持的学情分析',
    recording: true,
    documents: ['学情分析方案.docx'],
  })
  assert.deepEqual(forwardPackage({ teacher_name: '王芳', recording_id: null }, 'C4').documents, [])
  assert.equal(forwardPackage({ teacher_name: '王芳', recording_id: null }, 'C4').recording, false)
})

test('the notice after a move names the work and its new state, in both languages', () => {
  const forwarded = movedNotice('forward', { teacher_name: '李娜' }, { state: 'forwarded' }, 'A1')
  assert.deepEqual(forwarded, { key: 'desk.forwarded', vars: { teacher: '李娜', point: 'A1', state: 'forwarded' } })
  assert.equal(movedNotice('return', { teacher_name: '李娜' }, { state: 'returned' }, 'A1').key, 'desk.returned')
  for (const key of ['desk.forwarded', 'desk.returned']) {
    for (const text of DESK_MESSAGES[key]) for (const name of ['{teacher}', '{point}', '{state}']) assert.ok(text.includes(name), `${key}: ${text}`)
  }
})
