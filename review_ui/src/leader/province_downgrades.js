// The group's work the province downgraded (省级降等), for its leader beside the members'
// results: who, which point, why and when. The submissions come from GET /api/submissions
// (state downgraded, this group) and each reason from its history, the same entry the
// teacher's card reads (review/history_note.js).
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'

/** A card listing the group's downgraded work with each reason, or null when there is none. */
export async function provinceDowngrades(groupId, pointTitle = (code) => code) {
  const work = await api.get(`/api/submissions${query({ group_id: groupId, state: 'downgraded', limit: 200 })}`).catch(() => [])
  if (!work.length) return null
  const histories = await Promise.all(work.map((s) => api.get(`/api/submissions/${s.id}/history`).catch(() => [])))
  return h(
    'div',
    { class: 'province-downgrades', testid: 'province-downgrades' },
    h('h3', {}, t('leader_downgrades.title', { n: work.length })),
    h(
      'ul',
      { class: 'rows' },
      ...work.map((s, i) => {
        const last = [...histories[i]].reverse().find((e) => e.action === 'downgrade')
        return h(
          'li',
          { testid: `downgraded-${s.id}` },
          h('span', { class: 'badge state-downgraded' }, t('state.downgraded')),
          ' ',
          t('leader_downgrades.row', { teacher: s.teacher_name, point: pointTitle(s.capability_code) }),
          last ? h('div', {}, h('strong', {}, t('history.downgrade')), ' ', h('span', { testid: `downgrade-reason-${s.id}` }, last.reason)) : null,
          last ? h('div', { class: 'muted' }, dateTimeWithZone(last.at)) : null,
        )
      }),
    ),
  )
}
