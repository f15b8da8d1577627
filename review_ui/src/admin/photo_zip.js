// 批量上传参考照片: one ZIP of photos named by 工号 for the whole school. The answer lists the
// photos taken (checked one by one on a worker afterwards) and each file refused, with why.
import { h } from '../core/dom.js'
import { errorLines, reasonText, t } from '../core/i18n.js'
import { uploadPhotoZip } from '../people/photo_api.js'

/** The answer of POST /api/schools/{id}/reference-photos, per file. */
export function zipReport(result) {
  const created = result?.created || []
  const refused = result?.refused || []
  return h(
    'div',
    { class: 'report', testid: 'photo-zip-report' },
    h('p', { class: created.length ? 'ok' : 'muted', testid: 'photo-zip-created', dataset: { count: String(created.length) } }, t('zip.created', { n: created.length })),
    refused.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'table errors', testid: 'photo-zip-refused', dataset: { count: String(refused.length) } },
            h('caption', {}, t('zip.refused', { n: refused.length })),
            h('thead', {}, h('tr', {}, h('th', {}, t('zip.file_col')), h('th', {}, t('zip.reason_col')))),
            h(
              'tbody',
              {},
              ...refused.map((entry, n) =>
                h('tr', { testid: `photo-zip-refused-${n}` }, h('td', {}, h('code', {}, entry.file || '—')), h('td', {}, reasonText(entry))),
              ),
            ),
          ),
        )
      : null,
  )
}

/** Send `file` and draw the result (or the whole ZIP's refusal) into `out`; resolves to the result or null. */
export async function sendPhotoZip(schoolId, file, out) {
  out.replaceChildren(h('p', { class: 'muted' }, t('zip.sending')))
  try {
    const result = await uploadPhotoZip(schoolId, file)
    out.replaceChildren(zipReport(result))
    return result
  } catch (err) {
    out.replaceChildren(h('div', { class: 'notice error', role: 'alert', testid: 'photo-zip-error' }, ...errorLines(err).map((l) => h('div', {}, l))))
    return null
  }
}

/** The form; `onUploaded(result)` runs after the school's photos were taken. */
export function photoZipForm({ schoolId, onUploaded }) {
  const file = h('input', { type: 'file', id: 'photo-zip-file', accept: '.zip,application/zip', testid: 'photo-zip-file' })
  const send = h('button', { type: 'button', class: 'primary', testid: 'photo-zip-upload' }, t('zip.upload'))
  const out = h('div', { 'aria-live': 'polite' })
  send.addEventListener('click', async () => {
    const chosen = file.files?.[0]
    if (!chosen) {
      out.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, t('zip.choose_first')))
      return
    }
    send.disabled = true
    try {
      const result = await sendPhotoZip(schoolId, chosen, out)
      if (result) {
        file.value = ''
        onUploaded?.(result)
      }
    } finally {
      send.disabled = false
    }
  })
  return h(
    'section',
    { class: 'card photo-zip', testid: 'photo-zip' },
    h('h2', {}, t('zip.title')),
    h('p', {}, t('zip.rule')),
    h('p', { class: 'muted' }, t('zip.after')),
    h('label', { for: 'photo-zip-file' }, t('zip.file')),
    file,
    h('div', { class: 'actions' }, send),
    out,
  )
}
