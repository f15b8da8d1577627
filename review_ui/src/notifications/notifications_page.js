// /notifications: the signed-in user's notices, newest first, with Beijing time; unread ones are
// marked. Clicking one marks it read and opens what it is about; 全部标为已读 marks them all.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { errorLines, isEnglish, t } from '../core/i18n.js'
import { notice } from '../core/layout.js'
import { navigate } from '../core/router.js'
import { refreshBell } from './bell.js'
import { markedRead, noticeLink, noticeText, pageQuery } from './notification_state.js'

export async function notificationsPage(main, { setTitle }) {
  setTitle(t('notifications.title'))
  let items = []
  let nextBefore = null
  let alive = true
  const status = notice('info')
  const list = h('ul', { class: 'rows notifications', testid: 'notifications-list' })
  const more = h('button', { type: 'button', testid: 'notifications-more', hidden: true, onclick: () => load(nextBefore) }, t('notifications.more'))
  const readAll = h('button', { type: 'button', testid: 'notifications-read-all', onclick: markAll }, t('notifications.read_all'))

  function row(item) {
    const unread = !item.read_at
    return h(
      'li',
      {},
      h(
        'a',
        {
          href: noticeLink(item),
          class: unread ? 'row-link notification unread' : 'row-link notification',
          testid: `notification-${item.id}`,
          dataset: { read: unread ? 'false' : 'true' },
          onclick: (event) => open(event, item),
        },
        unread ? h('span', { class: 'badge unread-mark' }, t('notifications.unread')) : null,
        h('span', { class: 'notification-text' }, noticeText(item, isEnglish())),
        h('span', { class: 'when muted' }, dateTimeWithZone(item.created_at)),
      ),
    )
  }

  function draw() {
    list.replaceChildren(...(items.length ? items.map(row) : [h('li', { class: 'muted', testid: 'notifications-empty' }, t('notifications.empty'))]))
    more.hidden = !nextBefore
    readAll.disabled = !items.some((item) => !item.read_at)
  }

  async function load(before = null) {
    try {
      const page = await api.get(`/api/notifications${query(pageQuery(before))}`)
      if (!alive) return
      items = before ? [...items, ...page.items] : page.items
      nextBefore = page.next_before
      draw()
    } catch (err) {
      status.show(errorLines(err), 'error')
    }
  }

  async function open(event, item) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    if (!item.read_at) {
      try {
        const read = await api.post(`/api/notifications/${item.id}/read`)
        items = markedRead(items, item.id, read.read_at)
      } catch (err) {
        status.show(errorLines(err), 'error')
        return
      }
    }
    navigate(noticeLink(item))
  }

  async function markAll() {
    readAll.disabled = true
    try {
      const { marked } = await api.post('/api/notifications/read-all')
      status.show(t('notifications.all_read', { n: marked }))
      await load()
      refreshBell()
    } catch (err) {
      status.show(errorLines(err), 'error')
      readAll.disabled = false
    }
  }

  main.append(
    h(
      'section',
      { class: 'card' },
      h('div', { class: 'card-head' }, h('p', { class: 'muted' }, t('notifications.lead')), readAll),
      status.el,
      list,
      more,
    ),
  )
  await load()
  return () => {
    alive = false
  }
}
