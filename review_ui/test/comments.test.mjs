// A comment names its author, role and time (Beijing); the "按 c 键" hint needs a keyboard.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authorLine } from '../src/recording/comment_author.js'
import { keyboardLikely } from '../src/core/input_kind.js'
import { setLanguage } from '../src/core/i18n.js'

const comment = { author_name: '王强', author_role: 'group_leader', created_at: '2026-12-05T17:30:00Z', updated_at: '2026-12-05T17:30:00Z' }

// setLanguage remembers the choice on the page; node has no page, so give it the two bits it touches.
globalThis.document ??= { documentElement: {} }
globalThis.window ??= { localStorage: { setItem() {} } }

test('the author line names who wrote a comment and when, in Beijing time', () => {
  setLanguage('zh-CN')
  assert.equal(authorLine(comment), '王强 · 教研组长 · 2026-12-06 01:30')
  assert.equal(authorLine({ ...comment, updated_at: '2026-12-05T18:00:00Z' }), '王强 · 教研组长 · 2026-12-06 01:30 · 已修改')
  assert.equal(authorLine({ ...comment, author_name: null, author_role: null }), '（账号已删除） · 2026-12-06 01:30')
  setLanguage('en')
  assert.equal(authorLine(comment), '王强 · Group leader · 2026-12-06 01:30')
  setLanguage('zh-CN')
})

test('the keyboard hint shows only with a fine pointer that hovers', () => {
  const asked = []
  const screen = (matches) => ({ matchMedia: (q) => (asked.push(q), { matches }) })
  assert.equal(keyboardLikely(screen(true)), true)
  assert.equal(keyboardLikely(screen(false)), false)
  assert.deepEqual(asked, ['(hover: hover) and (pointer: fine)', '(hover: hover) and (pointer: fine)'])
  assert.equal(keyboardLikely({}), false)
})
