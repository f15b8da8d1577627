// The group's work waiting for a grade, and what has been graded; each row opens the review.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime, stateLabel } from '../core/format.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { pointTitle } from '../teacher/points.js'

const WAITING = ['submitted', 'resubmitted']

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
      h('span', { class: 'when muted' }, dateTime(submission.updated_at)),
    ),
  )
}

export async function reviewQueue(groupId, points) {
  const all = await api.get(`/api/submissions${query({ group_id: groupId, limit: 200 })}`)
  const waiting = all.filter((s) => WAITING.includes(s.state)).sort((a, b) => a.updated_at.localeCompare(b.updated_at))
  const done = all.filter((s) => !WAITING.includes(s.state) && s.state !== 'draft')
  return h(
    'section',
    { class: 'card queue' },
    h('h2', {}, t('queue.title', { n: waiting.length })),
    waiting.length
      ? h('ul', { class: 'rows' }, ...waiting.map((s) => row(s, points, `queue-item-${s.id}`)))
      : h('p', { class: 'muted' }, t('queue.empty')),
    done.length ? h('h3', {}, t('queue.graded')) : null,
    done.length ? h('ul', { class: 'rows' }, ...done.map((s) => row(s, points, `graded-item-${s.id}`))) : null,
  )
}
