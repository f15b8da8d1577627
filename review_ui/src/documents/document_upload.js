// The documents chooser of one slot (a teacher's point): PDF, Word or PowerPoint files, sent one
// after another with a progress bar. What is being sent and what was refused live in
// upload_jobs.js, per slot, so a card rebuilt meanwhile shows them in the language now chosen.
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { progressBar } from '../upload/upload_box.js'
import { sendDocument } from './send_document.js'
import { sendAll, watchSlot } from './upload_jobs.js'

const ACCEPT = '.pdf,.docx,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.presentationml.presentation'

/**
 * options: slot; items (the point's document items: the chosen one goes with the file, where
 * the catalogue may limit its formats); submissionId() → the id (creating the draft if need be);
 * onChanged() after documents were stored.
 */
export function documentUpload({ slot, items = [], submissionId, onChanged }) {
  const inputId = `documents-${slot.replace(/[^\w-]/g, '-')}`
  const input = h('input', { type: 'file', id: inputId, accept: ACCEPT, multiple: true, testid: 'document-input' })
  const item = items.length
    ? h(
        'select',
        { id: `${inputId}-item`, testid: 'document-item' },
        ...items.map((i) => h('option', { value: i.key }, i.key)),
        h('option', { value: '' }, t('documents.other_item')),
      )
    : null
  const bar = progressBar('document-progress')
  const status = h('div', { class: 'upload-status', 'aria-live': 'polite' })
  const problem = h('div', { class: 'notice error', role: 'alert', testid: 'document-error', hidden: true })
  const el = h(
    'div',
    { class: 'upload-box document-upload' },
    item ? h('label', { for: item.id }, t('documents.for_item')) : null,
    item,
    h('label', { for: inputId, class: 'file-label' }, t('documents.choose')),
    input,
    bar.el,
    status,
    problem,
  )

  const show = (state) => {
    input.disabled = state.busy
    if (item) item.disabled = state.busy
    el.dataset.busy = String(state.busy)
    el.setAttribute('aria-busy', String(state.busy))
    bar.el.hidden = !state.busy
    bar.set(state.percent || 0)
    status.textContent = state.busy ? t('documents.uploading', { name: state.name, i: state.index, n: state.count }) : ''
    problem.replaceChildren(
      ...state.refused.flatMap(({ name, error }) => errorLines(error).map((line, n) => h('div', {}, n ? line : `${t('documents.refused', { name })}${line}`))),
    )
    problem.hidden = !state.refused.length
  }

  const unwatch = watchSlot(slot, { show, isShown: () => el.isConnected, onChanged })
  input.addEventListener('change', () => {
    const files = [...(input.files || [])]
    input.value = ''
    if (files.length) sendAll(slot, files, { itemKey: item?.value || null, submissionId, send: sendDocument })
  })
  return { el, destroy: unwatch }
}
