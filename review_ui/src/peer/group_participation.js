// The leader's table of the group's peer viewing (GET /api/peer/groups/{id}/participation):
// pushed, counted views, comments, not done and overdue per member.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { t } from '../core/i18n.js'

const COLUMNS = ['assigned', 'counted_views', 'comments', 'pending', 'overdue']
const HEADS = { assigned: 'peer.col.assigned', counted_views: 'peer.col.views', comments: 'peer.col.comments', pending: 'peer.col.pending', overdue: 'peer.col.overdue' }

export function groupParticipation(groupId) {
  const el = h('section', { class: 'card peer-group', testid: 'peer-group' })
  const load = async () => {
    const rows = await api.get(`/api/peer/groups/${groupId}/participation`)
    fill(
      el,
      h('h2', {}, t('peer.group_title')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table' },
          h('thead', {}, h('tr', {}, h('th', {}, t('peer.col.member')), ...COLUMNS.map((c) => h('th', {}, t(HEADS[c]))))),
          h(
            'tbody',
            {},
            ...rows.map((r) =>
              h('tr', { testid: `peer-member-${r.teacher_id}`, class: r.overdue ? 'behind' : null }, h('td', {}, `${r.name}（${r.staff_id}）`), ...COLUMNS.map((c) => h('td', { dataset: { col: c } }, String(r[c])))),
            ),
          ),
        ),
      ),
    )
  }
  load().catch((err) => console.error(err))
  return { el, load }
}
