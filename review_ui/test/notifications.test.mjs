// The notifications' pure logic: the bell's badge and spoken label, a notice's words in the
// reader's language, the list's paging query, where a notice leads and marking one read.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BADGE_MAX, PAGE_SIZE, POLL_MS, badgeText, bellLabel, markedRead, noticeLink, noticeText, pageQuery } from '../src/notifications/notification_state.js'
import { NOTIFICATION_MESSAGES } from '../src/notifications/notification_messages.js'

test('the badge is hidden at nothing unread, shows the number, and caps it', () => {
  assert.equal(badgeText(0), '')
  assert.equal(badgeText(undefined), '')
  assert.equal(badgeText(-1), '')
  assert.equal(badgeText(3), '3')
  assert.equal(badgeText(BADGE_MAX), '99')
  assert.equal(badgeText(BADGE_MAX + 1), '99+')
})

test('the bell says the number out loud, or that nothing is unread', () => {
  assert.deepEqual(bellLabel(4), { key: 'notifications.bell_unread', vars: { n: 4 } })
  assert.deepEqual(bellLabel(0), { key: 'notifications.bell_none', vars: {} })
  for (const text of NOTIFICATION_MESSAGES['notifications.bell_unread']) assert.ok(text.includes('{n}'), text)
})

test('a notice reads in the current language, falling back to the other', () => {
  const item = { text_zh: '您的作品“A1”评为优秀。', text_en: 'Your work “A1” was graded excellent.' }
  assert.equal(noticeText(item, false), item.text_zh)
  assert.equal(noticeText(item, true), item.text_en)
  assert.equal(noticeText({ text_zh: '中文' }, true), '中文')
})

test('the list pages newest first by id and polls once a minute', () => {
  assert.deepEqual(pageQuery(), { limit: PAGE_SIZE })
  assert.deepEqual(pageQuery(41), { limit: PAGE_SIZE, before: 41 })
  assert.equal(POLL_MS, 60000)
})

test('a notice leads inside the app only', () => {
  assert.equal(noticeLink({ link: '/review/12' }), '/review/12')
  assert.equal(noticeLink({ link: '/' }), '/')
  assert.equal(noticeLink({ link: 'https://elsewhere.example/x' }), '/')
  assert.equal(noticeLink({ link: '//elsewhere.example/x' }), '/')
  assert.equal(noticeLink({}), '/')
})

test('marking one read stamps only it, and only once', () => {
  const items = [{ id: 1, read_at: null }, { id: 2, read_at: null }, { id: 3, read_at: 'earlier' }]
  const after = markedRead(items, 2, 'now')
  assert.deepEqual(after.map((i) => i.read_at), [null, 'now', 'earlier'])
  assert.equal(markedRead(items, 3, 'now')[2].read_at, 'earlier')
})

test('every message has both languages', () => {
  for (const [key, pair] of Object.entries(NOTIFICATION_MESSAGES)) assert.ok(pair.length === 2 && pair[0] && pair[1], key)
})
