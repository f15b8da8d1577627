// Time-coded comments as a list; clicking one calls onSeek(at_s). Each names its author and
// time; the reader's own ones (comment.mine) offer 修改 / 删除 when onEdit / onDelete are given.
import { h } from '../core/dom.js'
import { clock } from '../core/format.js'
import { t } from '../core/i18n.js'
import { authorLine } from './comment_author.js'

function ownControls(comment, { onEdit, onDelete, textEl }) {
  if (!comment.mine || (!onEdit && !onDelete)) return null
  const stop = (event) => event.stopPropagation() // the item itself seeks on click
  const edit = () => {
    const box = h('textarea', { rows: '2', testid: `comment-edit-text-${comment.id}`, onclick: stop, onkeydown: stop })
    box.value = comment.text
    const save = h('button', { type: 'button', class: 'primary', testid: `comment-save-${comment.id}` }, t('comments.save'))
    const cancel = h('button', { type: 'button', testid: `comment-cancel-${comment.id}` }, t('comments.cancel'))
    const form = h('div', { class: 'comment-edit', onclick: stop, onkeydown: stop }, box, h('div', { class: 'actions' }, cancel, save))
    textEl.replaceWith(form)
    box.focus()
    cancel.addEventListener('click', () => form.replaceWith(textEl))
    save.addEventListener('click', async () => {
      if (!box.value.trim()) return box.focus()
      save.disabled = true
      try {
        await onEdit(comment, box.value.trim())
      } finally {
        save.disabled = false
      }
    })
  }
  const remove = async () => {
    if (window.confirm(t('comments.delete_confirm'))) await onDelete(comment)
  }
  return h(
    'span',
    { class: 'comment-own', onclick: stop, onkeydown: stop },
    onEdit ? h('button', { type: 'button', class: 'link-button', testid: `comment-edit-${comment.id}`, onclick: edit }, t('comments.edit')) : null,
    onDelete ? h('button', { type: 'button', class: 'link-button', testid: `comment-delete-${comment.id}`, onclick: remove }, t('comments.delete')) : null,
  )
}

export function commentList(comments, { onSeek, onEdit, onDelete, testid = 'comments' } = {}) {
  const list = h('ol', { class: 'comments', testid })
  const render = (items) => {
    if (!items.length) {
      list.replaceChildren(h('li', { class: 'muted empty' }, t('comments.none')))
      return
    }
    list.replaceChildren(
      ...items.map((c) => {
        const textEl = h('span', { class: 'text' }, c.text)
        const item = h(
          'li',
          {
            class: onSeek ? 'comment seekable' : 'comment',
            testid: 'comment-item',
            dataset: { atS: String(c.at_s), id: String(c.id) },
            tabindex: onSeek ? '0' : null,
            role: onSeek ? 'button' : null,
            title: onSeek ? t('comments.seek_hint') : null,
            onclick: onSeek ? () => onSeek(c.at_s) : null,
            onkeydown: onSeek
              ? (event) => {
                  if (event.key === 'Enter') onSeek(c.at_s)
                }
              : null,
          },
          h('span', { class: 'at' }, clock(c.at_s)),
          textEl,
        )
        item.append(h('div', { class: 'comment-meta muted', testid: 'comment-author' }, authorLine(c), ownControls(c, { onEdit, onDelete, textEl })))
        return item
      }),
    )
  }
  render(comments)
  return { el: list, render }
}
