// The top bar's bell (通知): a link to /notifications with the unread count as a badge (hidden at 0)
// and in its accessible name. It asks for the count when a page is drawn (the frame is rebuilt on
// every page change) and every POLL_MS; one poller at a time, stopped on sign-out.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { POLL_MS, badgeText, bellLabel } from './notification_state.js'

const BELL_SVG =
  '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/></svg>'

let timer = null
let current = null // { link, badge } of the bell on screen

function show(unread) {
  if (!current) return
  const text = badgeText(unread)
  current.badge.textContent = text
  current.badge.hidden = text === ''
  const { key, vars } = bellLabel(unread)
  current.link.setAttribute('aria-label', t(key, vars))
  current.link.title = t(key, vars)
  current.link.classList.toggle('has-unread', text !== '')
}

/** Ask the server for the unread count now and show it (a failed poll keeps the last number). */
export async function refreshBell() {
  if (!current) return
  try {
    const { unread } = await api.get('/api/notifications/unread-count')
    show(unread)
  } catch (err) {
    if (err?.name !== 'AbortError') console.warn('notifications: count', err?.message || err)
  }
}

/** Stop polling (sign-out, or a frame without a signed-in user). */
export function stopBell() {
  if (timer) clearInterval(timer)
  timer = null
  current = null
}

/** A new bell for a new frame: replaces the previous one's poller. */
export function notificationsBell() {
  stopBell()
  const icon = h('span', { class: 'bell-icon' })
  icon.innerHTML = BELL_SVG
  const badge = h('span', { class: 'bell-count', testid: 'notifications-count', hidden: true })
  const link = h(
    'a',
    { href: '/notifications', class: 'bell', testid: 'notifications-bell', onclick: linkHandler('/notifications') },
    icon,
    h('span', { class: 'bell-label' }, t('notifications.bell')),
    badge,
  )
  current = { link, badge }
  show(0)
  refreshBell()
  timer = setInterval(refreshBell, POLL_MS)
  return link
}
