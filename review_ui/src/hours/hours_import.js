// The school admin's import of online hours (POST /api/schools/{id}/online-hours): the platform's
// XLSX or CSV export as the body; the report counts what was added, replaced or left unchanged and
// lists each refused row with its reason in the current language.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { errorLines, reasonText, t } from '../core/i18n.js'

function errorTable(errors) {
  return h(
    'table',
    { class: 'table errors', testid: 'hours-import-errors' },
    h('thead', {}, h('tr', {}, h('th', {}, t('hours.import.row')), h('th', {}, t('hours.import.problem')))),
    h('tbody', {}, ...errors.map((e) => h('tr', {}, h('td', {}, e.row), h('td', {}, reasonText(e))))),
  )
}

export function hoursImport({ schoolId, onImported }) {
  const file = h('input', { type: 'file', id: 'hours-file', accept: '.xlsx,.csv', testid: 'hours-file' })
  const send = h('button', { type: 'button', class: 'primary', testid: 'hours-import' }, t('hours.import.send'))
  const out = h('div', { 'aria-live': 'polite', testid: 'hours-import-out' })
  send.addEventListener('click', async () => {
    const chosen = file.files?.[0]
    if (!chosen) {
      fill(out, h('div', { class: 'notice error', role: 'alert' }, t('hours.import.choose_first')))
      return
    }
    send.disabled = true
    fill(out, h('p', { class: 'muted' }, t('hours.import.sending')))
    try {
      const path = `/api/schools/${schoolId}/online-hours?filename=${encodeURIComponent(chosen.name)}`
      const report = await api.raw('POST', path, { body: chosen, headers: { 'Content-Type': 'application/octet-stream' } })
      fill(
        out,
        h('p', { testid: 'hours-import-report' }, t('hours.import.done', report)),
        report.repeat ? h('p', { class: 'muted', testid: 'hours-import-repeat' }, t('hours.import.repeat')) : null,
        report.errors.length ? errorTable(report.errors) : null,
      )
      onImported?.()
    } catch (err) {
      fill(out, h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((l) => h('div', {}, l))))
    } finally {
      send.disabled = false
    }
  })
  return h(
    'section',
    { class: 'card hours-import' },
    h('h2', {}, t('hours.import.title')),
    h('p', { class: 'muted' }, t('hours.import.lead')),
    h('label', { for: 'hours-file' }, t('hours.import.file')),
    file,
    h('div', { class: 'actions' }, send),
    out,
  )
}
