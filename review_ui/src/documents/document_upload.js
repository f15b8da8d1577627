// The documents chooser of one slot (a teacher's point): PDF, Word or PowerPoint files, sent one
// after another with a progress bar. What is being sent and what was refused live outside the
// view, per slot, so a card rebuilt meanwhile (a language switch, the card's own refresh) shows
// the same upload and the same refusals, in the language now chosen.
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { progressBar } from '../upload/upload_box.js'
import { sendDocument } from './send_document.js'

const ACCEPT = '.pdf,.docx,.pptx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.presentationml.presentation'
const jobs = new Map() // slot → { state, views: Set of { show, el, onChanged } }

function job(slot) {
  if (!jobs.has(slot)) jobs.set(slot, { state: { busy: false, refused: [] }, views: new Set() })
  return jobs.get(slot)
}

function update(slot, changes) {
  const entry = job(slot)
  entry.state = { ...entry.state, ...changes }
  for (const view of entry.views) view.show(entry.state)
}

/** Send `files` in order; a refusal does not stop the others. The view on screen then refreshes. */
async function run(slot, files, { itemKey, submissionId }) {
  update(slot, { busy: true, refused: [], percent: 0 })
  let stored = 0
  for (const [n, file] of files.entries()) {
    update(slot, { name: file.name, index: n + 1, count: files.length, percent: 0 })
    try {
      const id = await submissionId()
      await sendDocument(id, file, { itemKey, onProgress: (percent) => update(slot, { percent }) })
      stored += 1
    } catch (error) {
      update(slot, { refused: [...job(slot).state.refused, { name: file.name, error }] })
    }
  }
  update(slot, { busy: false })
  const shown = [...job(slot).views].find((view) => view.el.isConnected)
  if (stored && shown) await shown.onChanged()
}

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

  const entry = job(slot)
  const view = { show, el, onChanged }
  entry.views.add(view)
  show(entry.state)
  input.addEventListener('change', () => {
    const files = [...(input.files || [])]
    input.value = ''
    if (files.length) run(slot, files, { itemKey: item?.value || null, submissionId })
  })
  return { el, destroy: () => entry.views.delete(view) }
}
