// The group's work waiting for a grade, and what has been graded; each row opens the review.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime, stateLabel } from '../core/format.js'
import { zoneLabel } from '../core/people_time.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { currentRules } from '../core/rules.js'
import { pointTitle } from '../teacher/points.js'

function row(submission, points, testid) {
  const path = `/review/${submission.id}`
  return h(
    'li',
    {},
    h(
      'a',
      { href: path, class: 'row-link', testid, onclick: linkHandler(path) },
      h('span', { class: 'who' }, submission.teacher_name),
      h('span', { class: 'what' }, pointTitle(points, submission.capability_code)),
      h('span', { class: `badge state-${submission.state}` }, stateLabel(submission.state)),
      h('span', { class: 'when muted', title: zoneLabel() }, dateTime(submission.updated_at)),
    ),
  )
}

export async function reviewQueue(groupId, points) {
  const all = await api.get(`/api/submissions${query({ group_id: groupId, limit: 200 })}`)
  const waiting = new Set(currentRules().workflow.awaiting_grade_states) // the group's grade is next
  // A leader's own work waits for the school admin, not for this queue (grader_role says whose it is).
  const queue = all.filter((s) => waiting.has(s.state) && s.grader_role !== 'school_admin').sort((a, b) => a.updated_at.localeCompare(b.updated_at))
  const done = all.filter((s) => !waiting.has(s.state) && s.state !== 'draft')
  return h(
    'section',
    { class: 'card queue' },
    h('h2', {}, t('queue.title', { n: queue.length })),
    queue.length
      ? h('ul', { class: 'rows' }, ...queue.map((s) => row(s, points, `queue-item-${s.id}`)))
      : h('p', { class: 'muted' }, t('queue.empty')),
    done.length ? h('h3', {}, t('queue.graded')) : null,
    done.length ? h('ul', { class: 'rows' }, ...done.map((s) => row(s, points, `graded-item-${s.id}`))) : null,
  )
}
