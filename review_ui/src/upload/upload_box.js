// A file chooser with a progress bar for one upload slot. It reattaches to an upload still
// running (after a language switch) and offers to resume one left unfinished by a reload.
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { bytes } from '../core/format.js'
import { MultipartUpload, pendingUpload, uploadFor } from './multipart.js'

export function progressBar(testid) {
  const fill = h('div', { class: 'progress-fill' })
  const text = h('span', { class: 'progress-text' }, '0%')
  const el = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', testid }, fill, text)
  const set = (percent) => {
    const value = Math.max(0, Math.min(100, Math.floor(percent)))
    el.dataset.percent = String(value)
    el.setAttribute('aria-valuenow', String(value))
    fill.style.width = `${value}%`
    text.textContent = `${value}%`
  }
  set(0)
  return { el, set }
}

/**
 * options: slot, getTarget() → the upload target or null (with a message shown by the caller),
 * inputTestId, progressTestId, label; finish(completed) runs once when the recording exists
 * (the data step), onDone(completed) in whichever box shows the upload then (the view step:
 * the page may have been rebuilt meanwhile, by a language switch or a navigation);
 * `uploaded` shows a full bar for a slot whose recording is already there.
 */
export function uploadBox({ slot, getTarget, inputTestId = 'upload-input', progressTestId = 'upload-progress', label, uploaded = false, finish, onDone }) {
  const inputId = `file-${slot.replace(/[^\w-]/g, '-')}`
  const input = h('input', { type: 'file', id: inputId, accept: 'video/*,.mp4,.mov,.mkv,.webm,.flv,.ts,.avi', testid: inputTestId })
  const bar = progressBar(progressTestId)
  const status = h('div', { class: 'upload-status', 'aria-live': 'polite' })
  const error = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const resumeNote = h('div', { class: 'notice info', hidden: true })
  const cancel = h('button', { type: 'button', class: 'link-button', hidden: true }, t('upload.cancel'))
  let unsubscribe = () => {}

  const show = (state) => {
    bar.set(state.percent)
    bar.el.hidden = state.phase === 'idle'
    input.disabled = ['creating', 'uploading', 'completing'].includes(state.phase)
    cancel.hidden = !['uploading', 'creating'].includes(state.phase)
    status.textContent = state.phase === 'idle' ? '' : t(`upload.phase.${state.phase}`) + (state.resumed && state.phase === 'uploading' ? ` ${t('upload.resumed')}` : '')
    if (state.phase === 'error') {
      error.replaceChildren(...errorLines(state.error).map((line) => h('div', {}, line)))
      error.hidden = false
    } else {
      error.hidden = true
    }
  }

  const follow = (upload) => {
    unsubscribe()
    let last = null
    unsubscribe = upload.subscribe((state) => {
      show(state)
      if (state.phase === 'done' && last !== null && last !== 'done' && el.isConnected) onDone?.(state.completed)
      last = state.phase
    })
    cancel.onclick = () => upload.cancel()
  }

  input.addEventListener('change', async () => {
    const file = input.files?.[0]
    if (!file) return
    const target = getTarget()
    if (!target) {
      input.value = ''
      return
    }
    resumeNote.hidden = true
    const upload = new MultipartUpload(slot, target, { finish })
    follow(upload)
    await upload.start(file)
    input.value = ''
  })

  const el = h(
    'div',
    { class: 'upload-box' },
    h('label', { for: inputId, class: 'file-label' }, label || t('upload.choose')),
    input,
    resumeNote,
    bar.el,
    h('div', { class: 'upload-line' }, status, cancel),
    error,
  )
  bar.el.hidden = true

  const running = uploadFor(slot)
  if (running) follow(running)
  else
    pendingUpload(slot).then((pending) => {
      if (!pending) return
      const { record, upload } = pending
      const percent = Math.floor(((upload.bytes_stored || 0) / upload.size) * 100)
      resumeNote.textContent = t('upload.pending', { name: record.name, size: bytes(record.size), percent })
      resumeNote.hidden = false
      bar.set(percent)
      bar.el.hidden = false
    })
  if (!running && uploaded) {
    bar.set(100)
    bar.el.hidden = false
    status.textContent = t('upload.phase.done')
  }
  return { el, destroy: () => unsubscribe() }
}
