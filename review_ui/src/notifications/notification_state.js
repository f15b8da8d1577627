// The notifications' pure logic: the badge's number and label, each notice's words in the
// current language, and the pages' queries. No DOM and no fetch, so node tests read it.

export const POLL_MS = 60_000
export const PAGE_SIZE = 20
export const BADGE_MAX = 99

/** What the badge shows: nothing at 0 (hidden), the number, or "99+". */
export function badgeText(unread) {
  const n = Number(unread) || 0
  if (n <= 0) return ''
  return n > BADGE_MAX ? `${BADGE_MAX}+` : String(n)
}

/** The bell's accessible name as a message key and its values: it says the number out loud. */
export function bellLabel(unread) {
  const n = Number(unread) || 0
  return n > 0 ? { key: 'notifications.bell_unread', vars: { n } } : { key: 'notifications.bell_none', vars: {} }
}

/** A notice's sentence in the reader's language (the other one if that is missing). */
export function noticeText(item, english) {
  return (english ? item.text_en : item.text_zh) || item.text_zh || item.text_en || ''
}

/** The list's query: a page of `limit`, below the id `before` when paging on. */
export function pageQuery(before = null, limit = PAGE_SIZE) {
  return before ? { limit, before } : { limit }
}

/** Where a notice leads: its own link when it is the app's (a path), else home. */
export function noticeLink(item) {
  const link = item?.link || '/'
  return link.startsWith('/') && !link.startsWith('//') ? link : '/'
}

/** The list after marking `id` read at `at` (the server's stamp), other items unchanged. */
export function markedRead(items, id, at) {
  return items.map((item) => (item.id === id && !item.read_at ? { ...item, read_at: at } : item))
}
