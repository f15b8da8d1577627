// The documents part of a teacher's point card: those handed in (download links), and, while the
// work is still the teacher's to change, the upload and delete controls. Which documents the point
// asks for, and whether each is handed in, the requirements panel above it says.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { documentList } from '../documents/document_list.js'
import { documentUpload } from '../documents/document_upload.js'

/**
 * options: slot, point (the catalogue entry: its document_items), submission (or null before the
 * first upload), editable, submissionId() → the id, creating the draft if need be, onChanged().
 */
export function documentPanel({ slot, point, submission, editable, submissionId, onChanged }) {
  const items = point?.document_items || []
  const documents = submission?.documents || []
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const remove = async (doc) => {
    problem.hidden = true
    try {
      await api.del(`/api/submissions/${submission.id}/documents/${encodeURIComponent(doc.id)}`)
      await onChanged()
    } catch (err) {
      problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      problem.hidden = false
    }
  }
  const upload = editable ? documentUpload({ slot, items, submissionId, onChanged }) : null
  const el = h(
    'section',
    { class: 'document-panel', testid: 'documents' },
    h('h4', {}, t('documents.title')),
    documentList(submission?.id, documents, { onDelete: editable ? remove : null }),
    problem,
    upload?.el,
    editable ? null : h('p', { class: 'muted' }, t('documents.locked')),
  )
  return { el, destroy: () => upload?.destroy() }
}
