// Time-coded comments as a list; clicking one calls onSeek(at_s).
import { h } from '../core/dom.js'
import { clock } from '../core/format.js'
import { t } from '../core/i18n.js'

export function commentList(comments, { onSeek, testid = 'comments' } = {}) {
  const list = h('ol', { class: 'comments', testid })
  const render = (items) => {
    if (!items.length) {
      list.replaceChildren(h('li', { class: 'muted empty' }, t('comments.none')))
      return
    }
    list.replaceChildren(
      ...items.map((c) =>
        h(
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
          h('span', { class: 'text' }, c.text),
        ),
      ),
    )
  }
  render(comments)
  return { el: list, render }
}
