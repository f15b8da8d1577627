// The teacher's 待观看 card: the peer videos pushed to them, each with its deadline, how much was
// watched and whether it is done; the watch page (/peer/:id) plays one and takes the comment.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { peerStatus, sharePercent } from './watch_tracker.js'
import { peerFeedbackCard } from './peer_feedback.js'

function row(a) {
  const status = peerStatus(a)
  const path = `/peer/${a.id}`
  return h(
    'li',
    { class: `peer-item peer-${status}`, testid: `peer-item-${a.id}`, dataset: { status, submission: a.submission_id } },
    h('span', { class: `badge peer-badge-${status}`, testid: 'peer-status' }, t(`peer.status.${status}`)),
    ' ',
    h('strong', {}, `${a.capability_code} ${a.point_name || ''}`),
    ' · ',
    t('peer.by', { author: a.author_name, school: a.school_name }),
    h('div', { class: 'muted' }, t('peer.due', { time: dateTimeWithZone(a.due_at) }), ' · ', h('span', { testid: 'peer-share' }, t('peer.watched', { share: sharePercent(a.played_share) }))),
    h('a', { href: path, class: 'button', testid: `peer-open-${a.id}`, onclick: linkHandler(path) }, t(a.done ? 'peer.review' : 'peer.open')),
  )
}

export function peerCard() {
  const list = h('section', { class: 'card peer-todo', testid: 'peer-todo' })
  const feedback = peerFeedbackCard()
  const el = h('div', { class: 'peer-cards' }, list, feedback.el)
  const refresh = async () => {
    const [items] = await Promise.all([api.get('/api/peer/assignments'), feedback.refresh()])
    const need = items.length ? sharePercent(items[0].needed_share) : null
    fill(
      list,
      h('h2', {}, t('peer.todo_title')),
      need !== null ? h('p', { class: 'muted' }, t('peer.todo_lead', { need })) : null,
      items.length ? h('ul', { class: 'peer-list' }, ...items.map(row)) : h('p', { class: 'muted', testid: 'peer-none' }, t('peer.none')),
    )
  }
  refresh().catch((err) => console.error(err))
  return { el, refresh }
}
