// Destructive buttons act on a second click only, and forget a first click after a while or on blur.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { confirmOnSecondClick } from '../src/core/confirm_click.js'

const fakeButton = (label) => Object.assign(new EventTarget(), { textContent: label, dataset: {} })
const click = (button) => button.dispatchEvent(new Event('click'))

test('the first click arms and relabels, the second acts and restores the label', () => {
  const button = fakeButton('删除')
  let acted = 0
  confirmOnSecondClick(button, { armedLabel: '再点一次确认删除', onConfirm: () => acted++ })
  click(button)
  assert.equal(acted, 0)
  assert.equal(button.textContent, '再点一次确认删除')
  assert.equal(button.dataset.armed, 'true')
  click(button)
  assert.equal(acted, 1)
  assert.equal(button.textContent, '删除')
  assert.equal(button.dataset.armed, undefined)
})

test('leaving the button, or waiting, disarms it: the next click is a first click again', async () => {
  const button = fakeButton('撤回同意')
  let acted = 0
  confirmOnSecondClick(button, { armedLabel: '确认撤回', onConfirm: () => acted++, timeoutMs: 20 })
  click(button)
  button.dispatchEvent(new Event('blur'))
  assert.equal(button.textContent, '撤回同意')
  click(button)
  await new Promise((resolve) => setTimeout(resolve, 40))
  assert.equal(button.dataset.armed, undefined)
  click(button)
  assert.equal(acted, 0)
})

test('disarm() (a view going away) stops the pending timer and restores the label', () => {
  const button = fakeButton('删除照片')
  const disarm = confirmOnSecondClick(button, { armedLabel: '确认删除', onConfirm: () => assert.fail('must not act') })
  click(button)
  disarm()
  assert.equal(button.textContent, '删除照片')
  assert.equal(button.dataset.armed, undefined)
})
