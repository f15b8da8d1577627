// Watching one pushed peer video (/peer/:id): the player reports what it really played every few
// seconds and when playback stops; the server merges it and answers the share; at the set share
// the comment form opens (a rating level and at least the minimum length).
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { recordingPlayer } from '../recording/player.js'
import { createTracker, sharePercent } from './watch_tracker.js'

const REPORT_MS = 5000

function commentForm(assignment, rules, { onSaved }) {
  const rating = h(
    'select',
    { testid: 'peer-rating', id: 'peer-rating' },
    h('option', { value: '' }, t('peer.rating_pick')),
    ...rules.rating_levels.map((level) => h('option', { value: level, selected: assignment.comment?.rating === level }, level)),
  )
  const text = h('textarea', { testid: 'peer-text', id: 'peer-text', rows: 5, maxlength: rules.comment_max_chars })
  text.value = assignment.comment?.text || ''
  const count = h('span', { class: 'muted', testid: 'peer-count' })
  const showCount = () => (count.textContent = t('peer.count', { n: text.value.trim().length }))
  text.addEventListener('input', showCount)
  showCount()
  const problem = h('div', { class: 'notice error', role: 'alert', testid: 'peer-problem', hidden: true })
  const saved = h('div', { class: 'notice ok', role: 'status', testid: 'peer-saved', hidden: true }, t('peer.saved'))
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'peer-submit' }, t(assignment.comment ? 'peer.update' : 'peer.submit'))
  const say = (lines) => {
    problem.hidden = false
    saved.hidden = true
    fill(problem, ...lines.map((line) => h('div', {}, line)))
  }
  const form = h(
    'form',
    { class: 'peer-comment', testid: 'peer-comment-form' },
    h('label', { for: 'peer-rating' }, t('peer.rating')),
    rating,
    h('label', { for: 'peer-text' }, t('peer.text', { min: rules.comment_min_chars })),
    text,
    count,
    problem,
    saved,
    submit,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const n = text.value.trim().length
    if (!rating.value) return say([t('peer.need_rating')])
    if (n < rules.comment_min_chars) return say([t('peer.too_short', { min: rules.comment_min_chars, n })])
    submit.disabled = true
    try {
      const updated = await api.put(`/api/peer/assignments/${assignment.id}/comment`, { rating: rating.value, text: text.value })
      problem.hidden = true
      saved.hidden = false
      submit.textContent = t('peer.update')
      onSaved(updated)
    } catch (err) {
      say(errorLines(err))
    } finally {
      submit.disabled = false
    }
  })
  return form
}

export async function peerWatchPage(main, { setTitle, assignmentId }) {
  const [assignment, rules] = await Promise.all([api.get(`/api/peer/assignments/${assignmentId}`), api.get('/api/peer/rules')])
  setTitle(t('peer.watch_title', { point: `${assignment.capability_code} ${assignment.point_name || ''}` }))
  const need = sharePercent(assignment.needed_share)
  const progress = h('p', { class: 'peer-progress', testid: 'peer-progress' })
  const bar = h('progress', { max: 100, value: 0, testid: 'peer-bar' })
  const commentSlot = h('section', { class: 'card', testid: 'peer-comment' })
  let state = assignment

  const show = () => {
    const share = sharePercent(state.played_share)
    bar.value = share
    progress.dataset.counted = String(state.counted)
    progress.dataset.share = String(share)
    fill(progress, t('peer.progress', { share, need, rate: rules.max_rate }), state.counted ? h('strong', { testid: 'peer-counted' }, ' ', t('peer.counted')) : null)
    fill(
      commentSlot,
      h('h2', {}, t('peer.comment_title')),
      state.counted
        ? commentForm(state, rules, {
            onSaved: (updated) => {
              state = updated
              commentSlot.dataset.done = String(updated.done)
            },
          })
        : h('p', { class: 'muted', testid: 'peer-comment-locked' }, t('peer.comment_locked', { need })),
    )
    commentSlot.dataset.done = String(state.done)
  }

  const player = await recordingPlayer(assignment.recording_id)
  const tracker = createTracker({ maxRate: rules.max_rate })
  let sending = null
  const send = async () => {
    if (sending) return sending
    const segments = tracker.take()
    if (!segments.length) return null
    sending = api
      .post(`/api/peer/assignments/${assignmentId}/progress`, { segments })
      .then((answer) => {
        const wasCounted = state.counted
        state = { ...state, played: answer.played, played_share: answer.played_share, counted: answer.counted }
        if (answer.counted !== wasCounted) show()
        else {
          const share = sharePercent(state.played_share)
          bar.value = share
          progress.dataset.share = String(share)
          progress.firstChild.textContent = t('peer.progress', { share, need, rate: rules.max_rate })
        }
      })
      .catch((err) => {
        tracker.putBack(segments) // kept for the next report: merging makes a resend harmless
        console.warn('peer progress not sent', err)
      })
      .finally(() => (sending = null))
    return sending
  }

  const video = player.video
  const listeners = []
  if (video) {
    const on = (name, fn) => {
      video.addEventListener(name, fn)
      listeners.push([name, fn])
    }
    on('timeupdate', () => {
      if (!video.paused && !video.seeking) tracker.at(video.currentTime)
    })
    for (const name of ['seeking', 'ratechange', 'waiting']) on(name, () => tracker.cut())
    for (const name of ['pause', 'ended']) {
      on(name, () => {
        tracker.cut()
        send()
      })
    }
  }
  const timer = setInterval(send, REPORT_MS)
  const onHide = () => {
    if (document.visibilityState === 'hidden') send()
  }
  document.addEventListener('visibilitychange', onHide)

  const back = h('a', { href: '/', class: 'button', testid: 'peer-back', onclick: linkHandler('/') }, t('peer.back'))
  main.append(
    h('p', {}, back),
    h('section', { class: 'card' }, h('p', { class: 'muted' }, t('peer.by', { author: assignment.author_name, school: assignment.school_name })), player.el, bar, progress),
    commentSlot,
  )
  show()
  return () => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onHide)
    tracker.cut()
    send()
    listeners.forEach(([name, fn]) => video.removeEventListener(name, fn))
    player.destroy()
  }
}
