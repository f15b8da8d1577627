// The history of the school's work as its admin reads it: every forward and return, and the
// province's confirmations and downgrades — who, when (Beijing time), why, on whose work —
// newest first, filtered by action, a page at a time.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime } from '../core/format.js'
import { t } from '../core/i18n.js'
import { zoneLabel } from '../core/people_time.js'
import { linkHandler } from '../core/router.js'
import { pointTitle } from '../teacher/points.js'
import { afterPage, firstMore, onMore } from '../core/keyset.js'
import { HISTORY_ACTIONS, historyQuery } from './desk_state.js'

function row(entry, points) {
  const path = `/review/${entry.submission_id}`
  return h(
    'tr',
    { testid: `history-${entry.id}`, dataset: { action: entry.action, submission: String(entry.submission_id) } },
    h('td', {}, dateTime(entry.at)),
    h('td', {}, t(`school_history.action.${entry.action}`)),
    h('td', {}, h('a', { href: path, onclick: linkHandler(path) }, entry.teacher_name, ' · ', pointTitle(points, entry.capability_code))),
    h('td', {}, entry.actor_name || '—', entry.actor_role ? h('span', { class: 'muted' }, ` (${t(`role.${entry.actor_role}`)})`) : null),
    h('td', {}, entry.reason || ''),
  )
}

/** The history card of `schoolId`; load() starts again from the newest entries. */
export function schoolHistory({ schoolId, points }) {
  const filter = h(
    'select',
    { testid: 'history-action', 'aria-label': t('school_history.filter') },
    h('option', { value: '' }, t('school_history.all')),
    ...HISTORY_ACTIONS.map((a) => h('option', { value: a }, t(`school_history.action.${a}`))),
  )
  const body = h('tbody')
  const empty = h('p', { class: 'muted', hidden: true }, t('school_history.empty'))
  const more = h('button', { type: 'button', hidden: true, testid: 'history-more' }, t('school_history.more'))
  // Keyset paging: 更多 asks for the entries after the last one shown (the server's X-Next-After),
  // so a move made while the admin reads does not repeat or skip an entry.
  let pager = firstMore()
  // Each load starts a generation; a page that arrives after a newer load began is dropped, so a
  // filter changed while the first page is still loading never shows both lists.
  let generation = 0
  const fetchPage = async () => {
    const mine = generation
    const { items, next } = await api.page(`/api/schools/${schoolId}/history${query(historyQuery(filter.value, pager.after))}`)
    if (mine !== generation) return
    body.append(...items.map((e) => row(e, points)))
    pager = afterPage(pager, next)
    more.hidden = !pager.more
    empty.hidden = body.children.length > 0
  }
  const load = async () => {
    generation += 1
    pager = firstMore()
    body.replaceChildren()
    await fetchPage()
  }
  filter.addEventListener('change', load)
  onMore(more, fetchPage, () => pager.more)
  const when = t('time.column', { label: t('school_history.col.when'), zone: zoneLabel() })
  const columns = [when, t('school_history.col.action'), t('school_history.col.work'), t('school_history.col.who'), t('school_history.col.why')]
  const el = h(
    'section',
    { class: 'card', testid: 'school-history' },
    h('h2', {}, t('school_history.title')),
    h('p', { class: 'muted' }, t('school_history.lead')),
    h('label', {}, t('school_history.filter'), ' ', filter),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, c)))), body)),
    empty,
    more,
  )
  return { el, load }
}
