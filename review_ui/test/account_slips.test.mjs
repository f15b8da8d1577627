// The slips an admin prints: one per account with a password, from an import or a reset.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { signInAddress, slipsOf } from '../src/admin/account_slips.js'

const WHERE = { address: 'https://kejian.example.cn/', issuedAt: '2026-12-06T01:30:00Z' }

test('an import report makes one slip per new account, in its order', () => {
  const accounts = [
    { school_code: 'XH-001', school_name: '新华小学', staff_id: 'K001', name: '孙丽', username: 'K001', initial_password: 'ACDEF-HJKLM-NPRTU-WXY34-67937' },
    { school_code: 'XH-001', school_name: null, staff_id: 'K002', name: '钱进', username: 'XH-001-K002', initial_password: '34679-ACDEF-HJKLM-NPRTU-WXY34' },
  ]
  assert.deepEqual(slipsOf(accounts, WHERE), [
    { school: '新华小学', name: '孙丽', staffId: 'K001', username: 'K001', password: 'ACDEF-HJKLM-NPRTU-WXY34-67937', ...WHERE },
    { school: 'XH-001', name: '钱进', staffId: 'K002', username: 'XH-001-K002', password: '34679-ACDEF-HJKLM-NPRTU-WXY34', ...WHERE },
  ])
})

test("a reset's answer makes its one slip", () => {
  const reset = { teacher_id: 7, school_code: 'DEMO-001', school_name: '示范中学', staff_id: 'T002', name: '李娜', username: 'teacher', role: 'teacher', one_time_password: 'WXY34-67937-ACDEF-HJKLM-NPRTU', sessions_ended: 2 }
  const [slip] = slipsOf([reset], WHERE)
  assert.equal(slip.school, '示范中学')
  assert.equal(slip.password, 'WXY34-67937-ACDEF-HJKLM-NPRTU')
  assert.equal(slip.staffId, 'T002')
  assert.equal(slip.address, WHERE.address)
})

test('accounts without a password (a dry run) make no slip', () => {
  assert.deepEqual(slipsOf([{ school_code: 'A', staff_id: '1', name: 'x', username: '1', initial_password: null }], WHERE), [])
})

test('the sign-in address is the site itself, whatever page the admin is on', () => {
  assert.equal(signInAddress({ origin: 'https://kejian.example.cn', pathname: '/admin/school' }), 'https://kejian.example.cn/')
})
