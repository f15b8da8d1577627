// The school's dashboard of hours (GET /api/schools/{id}/hours), or a group's for its leader
// (GET /api/groups/{id}/hours): every teacher's counted hours, who is behind and on what (held practice
// hours and what is short), and a reminder list to copy; the school also notifies them in the app.
import { api, query } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { errorLines, reasonText, t } from '../core/i18n.js'
import { afterPage, firstMore, onMore, withCursor } from '../core/keyset.js'

const num = (n) => String(Math.round(n * 100) / 100)
const PAGE = 50 // teachers a page; 更多 asks for the next

function notes(ledger) {
  return [...ledger.hours.held, ...ledger.missing]
}

function row(ledger) {
  const hours = ledger.hours
  return h(
    'tr',
    { testid: `hours-row-${ledger.staff_id}`, dataset: { complete: String(hours.complete) } },
    h('td', {}, `${ledger.name}（${ledger.staff_id}）`),
    h('td', {}, num(hours.online)),
    h('td', {}, num(hours.practice), ledger.practice_held ? t('hours.school.held_suffix', { hours: num(ledger.practice_held) }) : ''),
    h('td', {}, num(hours.assessment)),
    h('td', {}, t(hours.complete ? 'hours.complete' : 'hours.incomplete')),
    h('td', {}, h('ul', { class: 'missing' }, ...notes(ledger).map((r) => h('li', {}, reasonText(r))))),
  )
}

function notifyButton(schoolId) {
  const status = h('span', { class: 'muted', 'aria-live': 'polite', testid: 'hours-notify-result' })
  const button = h('button', { type: 'button', testid: 'hours-notify' }, t('hours.school.notify'))
  button.addEventListener('click', async () => {
    button.disabled = true
    try {
      const sent = await api.post(`/api/schools/${schoolId}/hours/reminders`)
      status.dataset.told = String(sent.told)
      status.textContent = t('hours.school.notified', { told: sent.told, names: sent.without_account.join('、') || '—' })
    } catch (err) {
      status.textContent = errorLines(err).join(' ')
    } finally {
      button.disabled = false
    }
  })
  return [button, status]
}

function reminderList(schoolId, behind, { total, more }) {
  // A counted total can be older than the rows: "nobody behind" only when the rows agree.
  if (!behind.length) return total === 0 ? h('p', { class: 'muted', testid: 'hours-nobody-behind' }, t('hours.school.nobody_behind')) : null
  const text = behind.map((l) => `${l.name}（${l.staff_id}）：${notes(l).map(reasonText).join(' ')}`).join('\n')
  const area = h('textarea', { readonly: true, rows: Math.min(10, behind.length + 1), class: 'reminders', testid: 'hours-reminders' }, text)
  const status = h('span', { class: 'muted', 'aria-live': 'polite' })
  const copy = h('button', { type: 'button', testid: 'hours-copy' }, t('hours.school.copy'))
  copy.addEventListener('click', async () => {
    area.select()
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      document.execCommand?.('copy') // an http:// page has no clipboard API; the selection is copied instead
    }
    status.textContent = t('hours.school.copied')
  })
  const notify = schoolId ? h('div', { class: 'actions' }, ...notifyButton(schoolId)) : null
  const partial = more && (total === null || behind.length < total) ? h('p', { class: 'muted', testid: 'hours-reminders-partial' }, t('hours.school.remind_partial', { n: behind.length })) : null
  return h('div', {}, h('h3', {}, t('hours.school.remind_title')), partial, area, h('div', { class: 'actions' }, copy, status), notify)
}

function summaryLines(body) {
  const need = body.required
  const required = { online: num(need.online), practice: num(need.practice), assessment: num(need.assessment) }
  const key = body.complete === null ? 'hours.school.summary_counting' : 'hours.school.summary'
  return [
    h('p', { testid: 'hours-summary' }, t(key, { ...body, ...required })),
    body.counted_at ? h('p', { class: 'muted', testid: 'hours-as-of' }, t('hours.school.as_of', { time: dateTimeWithZone(body.counted_at) })) : null,
    body.recounting ? h('p', { class: 'muted', testid: 'hours-recounting' }, t('hours.school.recounting')) : null,
  ]
}

// A page at a time (behind first, then complete, each by 工号): a school of thousands of teachers is
// not worked out whole for each visit. 更多 asks for the rows after the last one shown
// (X-Next-After); a large school's totals are its counted completion, with when it was counted.
function hoursDashboard({ path, schoolId, titleKey }) {
  const el = h('section', { class: 'card school-hours', testid: 'school-hours' })
  const cols = ['col_teacher', 'col_online', 'col_practice', 'col_assessment', 'col_status', 'col_short']
  let pager = firstMore()
  let generation = 0 // a page that arrives after a newer load began is dropped
  let shown = []
  let first = null
  const tbody = h('tbody')
  const more = h('button', { type: 'button', hidden: true, testid: 'hours-more' }, t('hours.school.more'))
  const reminders = h('div', { testid: 'hours-reminder-card' })
  const fetchPage = async () => {
    const mine = generation
    const { items: body, next } = await api.page(`${path}${query(withCursor({ limit: PAGE }, pager.after))}`)
    if (mine !== generation) return
    if (!first) {
      first = body
      fill(
        el,
        h('h2', {}, t(titleKey)),
        ...summaryLines(body),
        h('div', { class: 'table-wrap' }, h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, t(`hours.school.${c}`))))), tbody)),
        more,
        reminders,
      )
    }
    shown = [...shown, ...body.ledgers]
    tbody.append(...body.ledgers.map(row))
    pager = afterPage(pager, next)
    more.hidden = !pager.more
    const behind = shown.filter((l) => !l.hours.complete)
    fill(reminders, reminderList(schoolId, behind, { total: first.behind, more: pager.more }))
  }
  const load = async () => {
    generation += 1
    pager = firstMore()
    shown = []
    first = null
    tbody.replaceChildren()
    await fetchPage()
  }
  onMore(more, fetchPage, () => pager.more)
  return { el, load }
}

/** The school admin's: every teacher of the school, with in-app reminders. */
export function schoolHours(schoolId) {
  return hoursDashboard({ path: `/api/schools/${schoolId}/hours`, schoolId, titleKey: 'hours.school.title' })
}

/** The group leader's: the group's members. */
export function groupHours(groupId) {
  return hoursDashboard({ path: `/api/groups/${groupId}/hours`, schoolId: null, titleKey: 'hours.group.title' })
}
