// One teacher's reference photo: a badge with its state, and the buttons that upload a new photo
// (a file, or the phone's front camera), retry a failed check, or delete it. After an upload
// the control asks every second how the worker's check went, and says why a photo was refused.
// There is no thumbnail on purpose: the photo's bytes are not served back to browsers.
import { h } from '../core/dom.js'
import { confirmOnSecondClick } from '../core/confirm_click.js'
import { errorLines, pick, t } from '../core/i18n.js'
import { consentBlock } from './consent_card.js'
import { deleteReference, listReferences, retryReference, uploadReference } from './photo_api.js'
import { PHOTO_LABEL_KEYS, latestReference, normalState, photoStateOf, pollUntil, usableReference } from './photo_state.js'

/** Sent on window when a photo settles: detail {teacherId, state, reference}. */
export const PHOTO_CHANGED = 'kejian:photo-changed'

const POLL_MS = 1000
const POLL_TRIES = 120 // two minutes: longer than any check takes, short of polling forever

/** A badge for lists: the photo's state in words, coloured by state (data-photo = the state). */
export function photoBadge(state, { testid } = {}) {
  const badge = h('span', { class: 'badge photo', testid })
  setPhotoBadge(badge, state)
  return badge
}

/** Show `state` on a badge made by photoBadge. */
export function setPhotoBadge(badge, state) {
  const value = normalState(state)
  badge.className = `badge photo photo-${value}`
  badge.dataset.photo = value
  badge.textContent = t(PHOTO_LABEL_KEYS[value])
}

/** Scroll to the photo control of `teacherId` on this page and put the focus on its upload button; false when there is none. */
export function focusPhoto(teacherId) {
  const el = document.querySelector(`[data-photo-control="${Number(teacherId)}"]`)
  if (!el) return false
  el.closest('details')?.setAttribute('open', '')
  el.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
  el.classList.remove('photo-flash')
  void el.offsetWidth // restart the highlight when asked twice
  el.classList.add('photo-flash')
  el.querySelector('input[type=file]')?.focus({ preventScroll: true })
  return true
}

function reasonOf(reference) {
  return pick(reference, 'reason') || reference?.reason_code || ''
}

function fileButton(text, input, extraClass) {
  return h('label', { class: `button photo-pick ${extraClass}` }, h('span', {}, text), input)
}

/**
 * The control for `teacher` ({id, photo?}). `onChange(state, reference)` is called whenever the
 * teacher's photo state settles to a new value: after a check, a retry, a delete, or when the
 * references read at start disagree with `teacher.photo`. Returns {el, destroy}.
 */
export function photoControl(teacher, { onChange } = {}) {
  const id = teacher.id
  let state = normalState(teacher.photo)
  let references = null
  let poll = null
  let busy = false
  let destroyed = false
  let consented = null // unknown until read: a photo needs the teacher's own consent first

  const consent = consentBlock(id, {
    onChange: (given) => {
      const withdrawn = consented === true && !given // the server deleted the photos with it
      consented = given
      if (destroyed) return
      if (withdrawn) {
        references = []
        settle(null)
      } else render()
    },
  })
  const badge = photoBadge(state, { testid: `photo-state-${id}` })
  const source = h('span', { class: 'photo-source muted', testid: `photo-source-${id}`, hidden: true }, t('photo.from_session'))
  const message = h('p', { class: 'photo-message', role: 'status', 'aria-live': 'polite', testid: `photo-message-${id}`, hidden: true })
  const fileInput = h('input', { type: 'file', accept: 'image/jpeg,image/png', class: 'visually-hidden', testid: `photo-input-${id}` })
  const cameraInput = h('input', { type: 'file', accept: 'image/*', capture: 'user', class: 'visually-hidden', testid: `photo-camera-${id}` })
  const fileLabel = fileButton('', fileInput, '')
  const cameraLabel = fileButton(t('photo.camera'), cameraInput, 'photo-camera')
  const retry = h('button', { type: 'button', testid: `photo-retry-${id}`, hidden: true }, t('photo.retry'))
  const remove = h('button', { type: 'button', class: 'danger', testid: `photo-delete-${id}`, hidden: true }, t('photo.delete'))
  const el = h(
    'div',
    { class: 'photo-control', testid: `photo-control-${id}`, dataset: { photoControl: String(id) } },
    consent.el,
    h('div', { class: 'photo-head' }, badge, source),
    h('div', { class: 'photo-actions' }, fileLabel, cameraLabel, retry, remove),
    message,
  )

  const say = (kind, text) => {
    message.className = `photo-message ${kind}`
    message.textContent = text
    message.hidden = !text
  }

  const render = () => {
    setPhotoBadge(badge, state)
    fileLabel.firstChild.textContent = state === 'none' ? t('photo.upload') : t('photo.replace')
    source.hidden = usableReference(references)?.source !== 'session_face'
    retry.hidden = busy || latestReference(references)?.state !== 'failed'
    remove.hidden = busy || !references?.length
    el.setAttribute('aria-busy', String(busy))
    fileInput.disabled = cameraInput.disabled = busy
    fileLabel.hidden = cameraLabel.hidden = consented !== true
  }

  const settle = (reference) => {
    const next = photoStateOf(references)
    if (reference?.state === 'ok') say('ok', t('photo.accepted'))
    else if (reference?.state === 'refused') say('error', t('photo.refused', { reason: reasonOf(reference) }))
    else if (reference?.state === 'failed') say('error', t('photo.failed', { reason: reasonOf(reference) }))
    state = next
    render()
    onChange?.(next, reference || null)
    window.dispatchEvent(new CustomEvent(PHOTO_CHANGED, { detail: { teacherId: id, state: next, reference: reference || null } }))
  }

  /** Wait, bounded, for the worker's check of `reference`, then settle on what it found. */
  const waitFor = async (reference) => {
    if (reference.state !== 'pending') return settle(reference)
    say('info', t('photo.checking'))
    poll?.stop()
    poll = pollUntil(() => listReferences(id), {
      isDone: (refs) => refs.find((r) => r.id === reference.id)?.state !== 'pending',
      intervalMs: POLL_MS,
      maxTries: POLL_TRIES,
    })
    const result = await poll.promise
    if (destroyed || result.stopped) return
    if (result.value) references = result.value
    if (!result.done) {
      say('info', t('photo.still_checking'))
      return
    }
    settle(references.find((r) => r.id === reference.id))
  }

  const act = async (work) => {
    if (busy || destroyed) return
    busy = true
    render()
    try {
      await work()
    } catch (err) {
      if (!destroyed) say('error', errorLines(err).join(' '))
    } finally {
      busy = false
      if (!destroyed) render()
    }
  }

  const upload = (file) =>
    act(async () => {
      say('info', t('photo.uploading'))
      const reference = await uploadReference(id, file, { replace: state !== 'none' || Boolean(references?.length) })
      references = [...(references || []).filter((r) => r.id !== reference.id), reference]
      state = photoStateOf(references)
      render()
      await waitFor(reference)
    })

  for (const input of [fileInput, cameraInput]) {
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.value = '' // choosing the same file again is a new upload
      if (file) upload(file)
    })
  }

  retry.addEventListener('click', () =>
    act(async () => {
      const failed = latestReference(references)
      const reference = await retryReference(id, failed.id)
      references = references.map((r) => (r.id === reference.id ? reference : r))
      await waitFor(reference)
    }),
  )

  const disarmRemove = confirmOnSecondClick(remove, {
    armedLabel: t('photo.confirm_delete'),
    onConfirm: () => act(async () => {
      poll?.stop()
      for (const reference of references || []) await deleteReference(id, reference.id)
      references = []
      settle(null)
      say('info', t('photo.deleted'))
    }),
  })

  // What the list said may be older than the references: read them, and resume a check under way.
  const start = async () => {
    if (state === 'none' && teacher.photo !== undefined) return render()
    render()
    try {
      references = await listReferences(id)
    } catch {
      return // the badge keeps what the list said; an upload still works
    }
    if (destroyed) return
    const latest = latestReference(references)
    const next = photoStateOf(references)
    if (latest?.state === 'pending') await act(() => waitFor(latest))
    else {
      if (latest && latest.state !== 'ok' && next !== 'ok') say('error', t(latest.state === 'failed' ? 'photo.failed' : 'photo.refused', { reason: reasonOf(latest) }))
      const changed = next !== state
      state = next
      render()
      if (changed) onChange?.(next, latest)
    }
  }
  start()

  return {
    el,
    destroy: () => {
      destroyed = true
      poll?.stop()
      disarmRemove()
      consent.destroy()
    },
  }
}
