// A submission's documents as download links. The link is an API path: the server checks who
// asks, then redirects to a short-lived signed link that keeps the file's own name.
import { h } from '../core/dom.js'
import { confirmOnSecondClick } from '../core/confirm_click.js'
import { bytes } from '../core/format.js'
import { t } from '../core/i18n.js'

export function documentHref(submissionId, documentId) {
  return `/api/submissions/${submissionId}/documents/${encodeURIComponent(documentId)}`
}

/** Delete after a second click on the same button: no blocking dialog, nothing lost by a slip. */
function deleteButton(doc, onDelete) {
  const button = h('button', { type: 'button', class: 'link-button', testid: `document-delete-${doc.id}` }, t('documents.delete'))
  confirmOnSecondClick(button, {
    armedLabel: t('documents.confirm_delete'),
    onConfirm: async () => {
      button.disabled = true
      await onDelete(doc)
      button.disabled = false
    },
  })
  return button
}

/** The list (or a "none yet" line); `onDelete(doc)` adds a delete button to each entry. */
export function documentList(submissionId, documents, { onDelete = null } = {}) {
  if (!documents?.length) return h('p', { class: 'muted', testid: 'documents-empty' }, t('documents.none'))
  return h(
    'ul',
    { class: 'documents', testid: 'document-list' },
    ...documents.map((doc) =>
      h(
        'li',
        { class: 'document', testid: `document-${doc.id}` },
        h('a', { href: documentHref(submissionId, doc.id), download: doc.filename, testid: `document-link-${doc.id}` }, doc.filename),
        h('span', { class: 'muted' }, [doc.item_key, bytes(doc.size_bytes)].filter(Boolean).join(' · ')),
        onDelete ? deleteButton(doc, onDelete) : null,
      ),
    ),
  )
}
