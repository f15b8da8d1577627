// Import the school roster (XLSX or CSV): a dry run first to see what would change, then the
// import. Nothing is imported unless every row is valid; each row's errors are listed. A ZIP of
// reference photos named by 工号 may go with it: it is sent once the import has succeeded.
import { api, ApiError } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { errorLines, reasonText, t } from '../core/i18n.js'
import { sendPhotoZip } from './photo_zip.js'
import { accountSlips } from './account_slips.js'

function formatOf(file) {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'xlsx'
}

function errorTable(rowErrors) {
  return h(
    'table',
    { class: 'table errors', testid: 'roster-errors' },
    h('thead', {}, h('tr', {}, h('th', {}, t('roster.row')), h('th', {}, t('roster.column')), h('th', {}, t('roster.problem')))),
    h(
      'tbody',
      {},
      ...rowErrors.map((e) => h('tr', {}, h('td', {}, e.row ?? '—'), h('td', {}, e.column || '—'), h('td', {}, reasonText(e)))),
    ),
  )
}

function reportView(report) {
  const counts = (c) => t('roster.counts', { created: c.created, updated: c.updated, unchanged: c.unchanged })
  return h(
    'div',
    { class: 'report', testid: 'roster-report' },
    h('p', {}, report.dry_run ? t('roster.dry_run_ok', { rows: report.rows }) : t('roster.imported', { rows: report.rows })),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('roster.teachers')),
      h('dd', {}, counts(report.teachers)),
      h('dt', {}, t('roster.groups')),
      h('dd', {}, counts(report.groups)),
      h('dt', {}, t('roster.accounts')),
      h('dd', {}, counts(report.accounts)),
    ),
    report.new_accounts.length && !report.dry_run
      ? h(
          'table',
          { class: 'table' },
          h('caption', {}, t('roster.new_accounts')),
          h('thead', {}, h('tr', {}, h('th', {}, t('roster.name')), h('th', {}, t('roster.username')), h('th', {}, t('roster.password')))),
          h(
            'tbody',
            {},
            ...report.new_accounts.map((a) => h('tr', {}, h('td', {}, a.name), h('td', {}, a.username), h('td', {}, h('code', {}, a.initial_password || '—')))),
          ),
        )
      : null,
    report.dry_run ? null : accountSlips(report.new_accounts),
  )
}

export function rosterImport({ schoolId, onImported }) {
  const file = h('input', { type: 'file', id: 'roster-file', accept: '.xlsx,.csv', testid: 'roster-file' })
  const photoZip = h('input', { type: 'file', id: 'roster-photo-zip', accept: '.zip,application/zip', testid: 'roster-photo-zip' })
  const photoOut = h('div', { 'aria-live': 'polite' })
  const dryRun = h('button', { type: 'button', testid: 'roster-dry-run' }, t('roster.dry_run'))
  const doImport = h('button', { type: 'button', class: 'primary', testid: 'roster-import' }, t('roster.import'))
  const out = h('div', { class: 'roster-out', 'aria-live': 'polite' })

  const send = async (dry) => {
    const chosen = file.files?.[0]
    if (!chosen) {
      out.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, t('roster.choose_first')))
      return
    }
    dryRun.disabled = doImport.disabled = true
    out.replaceChildren(h('p', { class: 'muted' }, t('roster.sending')))
    photoOut.replaceChildren()
    try {
      const report = await api.raw('POST', `/api/admin/roster/import?format=${formatOf(chosen)}&dry_run=${dry}`, {
        body: chosen,
        headers: { 'Content-Type': 'application/octet-stream' },
      })
      out.replaceChildren(reportView(report))
      const photos = photoZip.files?.[0]
      if (!dry && photos && schoolId) {
        if (await sendPhotoZip(schoolId, photos, photoOut)) photoZip.value = ''
      }
      if (!dry) onImported?.()
    } catch (err) {
      const rows = err instanceof ApiError ? err.error.row_errors : null
      fill(out, h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((l) => h('div', {}, l))), rows?.length ? errorTable(rows) : null)
    } finally {
      dryRun.disabled = doImport.disabled = false
    }
  }
  dryRun.addEventListener('click', () => send(true))
  doImport.addEventListener('click', () => send(false))

  return h(
    'section',
    { class: 'card roster' },
    h('h2', {}, t('roster.title')),
    h('p', { class: 'muted' }, t('roster.lead')),
    h('label', { for: 'roster-file' }, t('roster.file')),
    file,
    schoolId ? [h('label', { for: 'roster-photo-zip' }, t('roster.photo_zip')), photoZip] : null,
    h('div', { class: 'actions' }, dryRun, doImport),
    out,
    photoOut,
  )
}
