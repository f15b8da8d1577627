// The school's dashboard of hours (GET /api/schools/{id}/hours), or a group's for its leader
// (GET /api/groups/{id}/hours): every teacher's counted hours, who is behind and on what (held practice
// hours and what is short), and a reminder list to copy; the school also notifies them in the app.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { errorLines, reasonText, t } from '../core/i18n.js'

const num = (n) => String(Math.round(n * 100) / 100)

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

function reminderList(schoolId, behind) {
  if (!behind.length) return h('p', { class: 'muted', testid: 'hours-nobody-behind' }, t('hours.school.nobody_behind'))
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
  return h('div', {}, h('h3', {}, t('hours.school.remind_title')), area, h('div', { class: 'actions' }, copy, status), notify)
}

function hoursDashboard({ path, schoolId, titleKey }) {
  const el = h('section', { class: 'card school-hours', testid: 'school-hours' })
  const load = async () => {
    const body = await api.get(path)
    const need = body.required
    const cols = ['col_teacher', 'col_online', 'col_practice', 'col_assessment', 'col_status', 'col_short']
    fill(
      el,
      h('h2', {}, t(titleKey)),
      h('p', { testid: 'hours-summary' }, t('hours.school.summary', { ...body, online: num(need.online), practice: num(need.practice), assessment: num(need.assessment) })),
      h(
        'div',
        { class: 'table-wrap' },
        h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, t(`hours.school.${c}`))))), h('tbody', {}, ...body.ledgers.map(row))),
      ),
      reminderList(schoolId, body.ledgers.filter((l) => !l.hours.complete)),
    )
  }
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
