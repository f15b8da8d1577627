// The school admin's 待办 card, first on their page: leaders' own work waiting for their grade,
// groups handed over to the school, and 优秀 work to forward or return, each with its count;
// work rows open /review/{id}, where the school grades or moves it.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime, stateLabel } from '../core/format.js'
import { t } from '../core/i18n.js'
import { zoneLabel } from '../core/people_time.js'
import { linkHandler } from '../core/router.js'
import { pointTitle } from '../teacher/points.js'
import { afterPage, firstMore, onMore } from '../core/keyset.js'
import { deskTotal } from './desk_state.js'

function workRow(work, points, testid) {
  const path = `/review/${work.id}`
  return h(
    'li',
    {},
    h(
      'a',
      { href: path, class: 'row-link', testid, onclick: linkHandler(path) },
      h('span', { class: 'who' }, work.teacher_name),
      h('span', { class: 'what' }, pointTitle(points, work.capability_code)),
      h('span', { class: `badge state-${work.state}` }, stateLabel(work.state)),
      h('span', { class: 'when muted', title: zoneLabel() }, dateTime(work.updated_at)),
    ),
  )
}

function groupRow(group) {
  return h(
    'li',
    { testid: `desk-group-${group.group_id}` },
    h('span', { class: 'who' }, group.group_name),
    ' ',
    h('span', { class: 'badge' }, group.subject),
    ' ',
    group.submitted_at ? h('span', { class: 'muted', title: zoneLabel() }, t('desk.submitted_at', { at: dateTime(group.submitted_at) })) : null,
  )
}

function list(title, testid, rows) {
  return h('div', { testid }, h('h3', {}, title), rows.length ? h('ul', { class: 'rows' }, ...rows) : h('p', { class: 'muted' }, t('desk.nothing')))
}

// A work list shows its longest-waiting first page (from the desk); 更多 asks its own route for the
// rows after the last one shown (the desk's …_next, then X-Next-After), so a school with thousands of
// works waiting is not sent whole on every visit.
function workList({ schoolId, route, title, testid, first, next, row }) {
  const el = list(title, testid, first.map(row))
  const rows = el.querySelector('ul')
  if (!rows) return el
  let pager = afterPage(firstMore(), next)
  const more = h('button', { type: 'button', testid: `${testid}-more`, hidden: !pager.more }, t('desk.more'))
  const fetchPage = async () => {
    const { items, next: after } = await api.page(`/api/schools/${schoolId}/desk/${route}${query({ after: pager.after })}`)
    rows.append(...items.map(row))
    pager = afterPage(pager, after)
    more.hidden = !pager.more
  }
  onMore(more, fetchPage, () => pager.more)
  el.append(more)
  return el
}

/** The 待办 card of `schoolId`; load() reads GET /api/schools/{id}/desk again (after a move). */
export function schoolDesk({ schoolId, points }) {
  const el = h('section', { class: 'card desk', testid: 'school-desk' })
  let generation = 0 // a desk that arrives after a newer load began is dropped
  const load = async () => {
    const mine = ++generation
    const desk = await api.get(`/api/schools/${schoolId}/desk`)
    if (mine !== generation) return
    const { counts } = desk
    el.replaceChildren(
      h('h2', {}, t('desk.title', { n: deskTotal(counts) })),
      h('p', { class: 'muted' }, t('desk.lead')),
      h('p', { testid: 'desk-handover', 'data-state': desk.handover_state }, t('desk.handover', { state: t(desk.handover_state === 'handed_over' ? 'handover.state.handed_over' : 'handover.state.open') })),
      workList({
        schoolId,
        route: 'leaders-work',
        title: t('desk.leaders_work', { n: counts.leaders_work }),
        testid: 'desk-leaders-work',
        first: desk.leaders_work,
        next: desk.leaders_work_next,
        row: (w) => workRow(w, points, `desk-grade-${w.id}`),
      }),
      list(t('desk.groups_submitted', { n: counts.groups_submitted }), 'desk-groups', desk.groups_submitted.map(groupRow)),
      workList({
        schoolId,
        route: 'to-forward',
        title: t('desk.to_forward', { n: counts.to_forward }),
        testid: 'desk-to-forward',
        first: desk.to_forward,
        next: desk.to_forward_next,
        row: (w) => workRow(w, points, `desk-forward-${w.id}`),
      }),
    )
  }
  return { el, load }
}
