// The audit log as a school admin reads it: who did what, to which row, when and why — newest
// first, optionally one kind of row (recordings: leaders' acceptances, assignments, deletions).
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime } from '../core/format.js'
import { t } from '../core/i18n.js'
import { afterPage, firstMore, onMore, withCursor } from '../core/keyset.js'
import { zoneLabel } from '../core/people_time.js'
import { reasonLines } from './audit_reason.js'

const KINDS = ['', 'recording', 'group', 'submission', 'school']
const PAGE = 100

/** The words for an audit action, falling back to the action's own code. */
export function actionLabel(action) {
  const key = `audit.action.${action}`
  const text = t(key)
  return text === key ? action : text
}

function row(entry) {
  return h(
    'tr',
    { testid: `audit-${entry.id}`, dataset: { action: entry.action, entity: `${entry.entity_type}:${entry.entity_id}` } },
    h('td', { class: 'audit-when' }, dateTime(entry.at)),
    h('td', {}, entry.actor_username || t('audit.system')),
    h('td', {}, actionLabel(entry.action)),
    h('td', {}, t(`audit.kind.${entry.entity_type}`), ' ', h('span', { class: 'muted' }, entry.entity_id)),
    h('td', { class: 'audit-reason' }, ...reasonLines(entry.reason).map((line) => h('div', {}, line))),
  )
}

/** The column's title; the time column names the zone its times are in (the server's, 北京时间). */
function columnTitle(column) {
  const label = t(`audit.col.${column}`)
  return column === 'when' ? t('time.column', { label, zone: zoneLabel() }) : label
}

export function auditView() {
  const kind = h('select', { testid: 'audit-kind', 'aria-label': t('audit.kind_label') }, ...KINDS.map((k) => h('option', { value: k }, k ? t(`audit.kind.${k}`) : t('audit.kind.all'))))
  const body = h('tbody')
  const more = h('button', { type: 'button', hidden: true, testid: 'audit-more' }, t('audit.more'))
  // 更多 asks for the entries after the last one shown (the server's X-Next-After cursor): entries
  // written meanwhile go to the top of the log and never shift or repeat what is already listed.
  let pager = firstMore()
  let generation = 0 // a page that arrives after the kind changed is dropped
  const fetchPage = async () => {
    const mine = generation
    const params = withCursor({ limit: PAGE, ...(kind.value ? { entity_type: kind.value } : {}) }, pager.after)
    const { items, next } = await api.page(`/api/admin/audit${query(params)}`)
    if (mine !== generation) return
    body.append(...items.map(row))
    pager = afterPage(pager, next)
    more.hidden = !pager.more
  }
  const load = async () => {
    generation += 1
    pager = firstMore()
    body.replaceChildren()
    await fetchPage()
  }
  kind.addEventListener('change', load)
  onMore(more, fetchPage, () => pager.more)
  const el = h(
    'section',
    { class: 'card audit-log', testid: 'audit-log' },
    h('h2', {}, t('audit.title')),
    h('p', { class: 'muted' }, t('audit.lead')),
    h('label', {}, t('audit.kind_label'), ' ', kind),
    h(
      'div',
      { class: 'table-wrap' },
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...['when', 'who', 'what', 'row', 'why'].map((c) => h('th', {}, columnTitle(c))))), body),
    ),
    more,
  )
  return { el, load }
}
