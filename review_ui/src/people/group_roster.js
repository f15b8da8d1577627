// The leader's roster: each member of the group with their 工号, photo state and photo control,
// so missing photos are added before a session is uploaded (a session checks faces against them).
// focusPhoto(teacherId) brings one member's control into view, e.g. from a session card.
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { normalState, photoCount } from './photo_state.js'
import { focusPhoto, photoControl } from './reference_photo.js'

export { focusPhoto }

/**
 * `members`: the group's teachers ({id, name, staff_id, photo}). `onChange(teacherId, state)`
 * follows every settled change. Returns {el, states, destroy}; states maps id → photo state.
 */
export function groupRoster(members, { onChange } = {}) {
  const states = new Map(members.map((m) => [m.id, normalState(m.photo)]))
  const summary = h('p', { testid: 'group-photo-summary' })
  const showSummary = () => {
    const { ok, total } = photoCount(states)
    summary.className = ok === total ? 'ok' : 'problem'
    summary.textContent = t('photo.summary', { k: ok, n: total })
  }
  const controls = members.map((member) =>
    photoControl(member, {
      onChange: (state, reference) => {
        states.set(member.id, state)
        showSummary()
        onChange?.(member.id, state, reference)
      },
    }),
  )
  showSummary()
  const el = h(
    'section',
    { class: 'card roster-photos', testid: 'group-roster' },
    h('h2', {}, t('photo.roster_title')),
    h('p', { class: 'muted' }, t('photo.roster_lead')),
    summary,
    h(
      'ul',
      { class: 'people' },
      ...members.map((member, n) =>
        h(
          'li',
          { class: 'person-row', testid: `roster-member-${member.id}` },
          h('span', { class: 'who' }, h('strong', {}, member.name), h('span', { class: 'muted' }, t('photo.staff_id', { id: member.staff_id }))),
          controls[n].el,
        ),
      ),
    ),
  )
  return { el, states, destroy: () => controls.forEach((c) => c.destroy()) }
}
