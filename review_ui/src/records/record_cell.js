// The school's session list: a session's training record as one cell — 完整 or 不完整 with what is
// missing, and the package download for the school's own admin (``can_download``).
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { completeBadge, missingList } from './record_parts.js'

export function recordCell(record) {
  if (!record) return h('td', {}, '—')
  const id = record.recording_id
  return h(
    'td',
    { testid: `record-cell-${id}` },
    completeBadge(record, `record-complete-${id}`),
    missingList(record, `record-missing-${id}`),
    record.can_download
      ? h('div', {}, h('a', { href: `/api/recordings/${id}/record/package`, download: '', class: 'button small', testid: `record-package-${id}` }, t('record.download')))
      : null,
  )
}
