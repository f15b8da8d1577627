// Time-coded comments beside the player: click one to seek; the key "c" pauses the video and
// starts a comment at the current time; the comment is stored at that exact moment.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { clock, parseClock } from '../core/format.js'
import { errorLines, t } from '../core/i18n.js'
import { commentList } from '../recording/comments_view.js'
import { keyboardLikely } from '../core/input_kind.js'

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT'])

export function commentPanel({ recordingId, player, comments, canComment }) {
  const base = `/api/recordings/${recordingId}/comments`
  const reload = async () => list.render(await api.get(base))
  // The server lets only the author change a comment (comment.mine marks the reader's own).
  const onEdit = async (comment, text) => {
    await api.patch(`${base}/${comment.id}`, { text })
    await reload()
  }
  const onDelete = async (comment) => {
    await api.del(`${base}/${comment.id}`)
    await reload()
  }
  const list = commentList(comments, { onSeek: (at) => player.seek(at), onEdit, onDelete, testid: 'comments' })
  const el = h('section', { class: 'card comments-panel' }, h('h2', {}, t('comments.title')), list.el)
  if (!canComment) return { el, destroy: () => {} }

  let startedAt = null // the moment "c" captured, while its label still opens the text
  const text = h('textarea', { id: 'comment-text', rows: '3', testid: 'comment-text', placeholder: t('comments.placeholder') })
  const add = h('button', { type: 'button', class: 'primary', testid: 'comment-add' }, t('comments.add'))
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })

  const startComment = () => {
    const at = player.video ? player.video.currentTime : 0
    player.video?.pause()
    startedAt = at
    text.value = `${clock(at)} `
    text.focus()
    text.setSelectionRange(text.value.length, text.value.length)
  }

  const momentAndText = () => {
    const raw = text.value.trim()
    const label = startedAt !== null ? clock(startedAt) : null
    if (label && raw.startsWith(label)) return { at: startedAt, body: raw.slice(label.length).trim() }
    const typed = /^\s*((?:\d+:)?\d{1,2}:\d{2})\s*/.exec(raw)
    if (typed) return { at: parseClock(typed[1]), body: raw.slice(typed[0].length).trim() }
    return { at: player.video ? player.video.currentTime : 0, body: raw }
  }

  add.addEventListener('click', async () => {
    const { at, body } = momentAndText()
    problem.hidden = true
    if (!body) {
      problem.textContent = t('comments.empty')
      problem.hidden = false
      return
    }
    add.disabled = true
    try {
      await api.post(`/api/recordings/${recordingId}/comments`, { at_s: Math.round(at * 100) / 100, text: body })
      list.render(await api.get(`/api/recordings/${recordingId}/comments`))
      text.value = ''
      startedAt = null
    } catch (err) {
      problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      problem.hidden = false
    } finally {
      add.disabled = false
    }
  })

  const onKey = (event) => {
    if (event.key !== 'c' || event.ctrlKey || event.metaKey || event.altKey) return
    if (TYPING.has(document.activeElement?.tagName) || document.activeElement?.isContentEditable) return
    event.preventDefault()
    startComment()
  }
  document.addEventListener('keydown', onKey)

  el.append(
    h('label', { for: 'comment-text' }, t('comments.new')),
    keyboardLikely() ? h('p', { class: 'muted hint', testid: 'comment-key-hint' }, t('comments.key_hint')) : null,
    text,
    problem,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: startComment }, t('comments.at_playhead')), add),
  )
  return { el, destroy: () => document.removeEventListener('keydown', onKey) }
}
