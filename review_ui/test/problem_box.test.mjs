// Error boxes about one input clear as soon as that input is fixed, and not before.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { showUntilFixed, stopWatching } from '../src/core/problem_box.js'

const fakeInput = () => Object.assign(new EventTarget(), { value: '' })
const change = (input, value) => {
  input.value = value
  input.dispatchEvent(new Event('change'))
}

test('the box clears once the input it names is filled, not on an edit that leaves it wrong', () => {
  const box = { hidden: true, textContent: '' }
  const verdict = fakeInput()
  showUntilFixed(box, '请选择结论。', { inputs: [verdict], fixed: () => verdict.value !== '' })
  assert.equal(box.hidden, false)
  assert.equal(box.textContent, '请选择结论。')
  change(verdict, '')
  assert.equal(box.hidden, false)
  change(verdict, 'pass')
  assert.equal(box.hidden, true)
  assert.equal(box.textContent, '')
})

test('typing clears a reason box (input events count too)', () => {
  const box = { hidden: true, textContent: '' }
  const reason = fakeInput()
  showUntilFixed(box, '请填写原因。', { inputs: [reason], fixed: () => reason.value.trim() !== '' })
  reason.value = '  '
  reason.dispatchEvent(new Event('input'))
  assert.equal(box.hidden, false)
  reason.value = '画面模糊'
  reason.dispatchEvent(new Event('input'))
  assert.equal(box.hidden, true)
})

test('a later message in the same box is not cleared by the old watch', () => {
  const box = { hidden: true, textContent: '' }
  const ticks = fakeInput()
  showUntilFixed(box, '请至少勾选一位参加的老师。', { inputs: [ticks], fixed: () => ticks.value === 'some' })
  stopWatching(box)
  box.textContent = '服务器拒绝'
  box.hidden = false
  change(ticks, 'some')
  assert.equal(box.hidden, false)
  assert.equal(box.textContent, '服务器拒绝')
})
