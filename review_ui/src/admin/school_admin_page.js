// The school administrator's dashboard: the school's quota and subject coverage, one card per
// research group, teachers' point selections, the graded work to forward to the province or
// return, exports, the teachers' reference photos (one by one or a ZIP), roster import.
import { api, query } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone, levelLabel, stateLabel, verdictOf } from '../core/format.js'
import { reasonText, t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { withCursor } from '../core/keyset.js'
import { currentRules } from '../core/rules.js'
import { quotaBar } from '../leader/quota_bar.js'
import { moveButtons } from '../review/moves.js'
import { loadPoints, pointTitle } from '../teacher/points.js'
import { photoRoster } from './photo_roster.js'
import { photoZipForm } from './photo_zip.js'
import { rosterImport } from './roster_import.js'
import { schoolSessions } from './school_sessions.js'
import { auditView } from './audit_view.js'
import { selectionAdmin } from './selection_admin.js'
import { schoolResults } from './school_results.js'
import { rubricEditor } from './rubric_editor.js'
import { schoolSetupForm } from './school_setup_form.js'
import { schoolDeskHook } from './school_desk_hook.js'
import { schoolHandover } from './school_handover.js'
import { hoursImport } from '../hours/hours_import.js'
import { schoolHours } from '../hours/school_hours.js'
import { peerPushCard } from '../peer/push_card.js'

function download(href, testid, label) {
  return h('a', { href, download: '', class: 'button', testid }, label)
}

function schoolCard(school, schoolId) {
  return h(
    'section',
    { class: `card school ${school.ok ? 'met' : ''}`, testid: 'school-quota' },
    h('h2', {}, school.school_name),
    h('p', {}, t('school.excellent', { k: school.excellent_count, n: school.required_excellent, teachers: school.full_time_teachers })),
    h(
      'p',
      {},
      t('school.subjects', { subjects: school.subjects_taught.join('、') || '—' }),
      school.uncovered_subjects.length ? h('span', { class: 'problem' }, ' ', t('school.uncovered', { subjects: school.uncovered_subjects.join('、') })) : null,
    ),
    school.violations.length ? h('ul', { class: 'missing' }, ...school.violations.map((v) => h('li', {}, reasonText(v)))) : null,
    h('div', { class: 'actions' }, download(`/api/admin/exports/school/${schoolId}.xlsx`, 'export-school', t('school.export'))),
  )
}

function groupCard(group, handOver, uncovered) {
  const submitted = handOver?.state === 'submitted'
  const reopened = handOver?.state === 'reopened' && handOver.reopen_reason
  const bar = quotaBar()
  bar.show(group)
  return h(
    'article',
    { class: `card group ${group.ok ? 'met' : ''}`, testid: `group-card-${group.group_id}` },
    h('header', { class: 'card-head' }, h('h3', {}, group.group_name), h('span', { class: 'badge' }, group.subject)),
    bar.el,
    h('p', { class: uncovered ? 'problem' : 'ok' }, uncovered ? t('group.subject_uncovered', { subject: group.subject }) : t('group.subject_covered', { subject: group.subject })),
    h('p', { class: 'muted' }, submitted ? t('group.submitted') : t('group.not_submitted')),
    reopened
      ? h('div', { class: 'notice warn', testid: `group-reopened-${group.group_id}` }, t('group.reopened_because', { date: dateTimeWithZone(handOver.reopened_at), reason: handOver.reopen_reason }))
      : null,
    group.violations.length ? h('ul', { class: 'missing' }, ...group.violations.map((v) => h('li', {}, reasonText(v)))) : null,
    h('div', { class: 'actions' }, download(`/api/admin/exports/group/${group.group_id}.xlsx`, `export-group-${group.group_id}`, t('group.export'))),
  )
}

function workRow(submission, points, groupMet, desk) {
  const path = `/review/${submission.id}`
  const verdict = verdictOf(submission.state)
  // Forwarding needs the group's quota met (the API refuses otherwise): say so instead of offering it.
  const held = !groupMet && submission.allowed_actions.includes('forward')
  const moves = moveButtons(submission, { onMoved: desk.onMoved(submission), only: held ? ['return'] : ['forward', 'return'], confirm: desk.confirm })
  return h(
    'tr',
    { testid: `work-${submission.id}` },
    h('td', {}, h('a', { href: path, onclick: linkHandler(path) }, submission.teacher_name)),
    h('td', {}, pointTitle(points, submission.capability_code)),
    h('td', {}, h('span', { class: `badge state-${submission.state}` }, verdict ? levelLabel(verdict) : stateLabel(submission.state))),
    h('td', {}, held ? h('p', { class: 'muted', testid: `forward-held-${submission.id}` }, t('school.forward_held')) : null, moves || (held ? null : '—')),
  )
}

const WORK_PAGE = 100

export async function schoolAdminPage(main, { user, setTitle }) {
  setTitle(t('school.title'))
  const schoolId = user.school_id
  if (!schoolId) {
    main.append(h('div', { class: 'notice info' }, t('school.no_school')))
    return () => {}
  }
  const points = await loadPoints()
  const top = h('div')
  const groupsSlot = h('div', { class: 'cards groups' })
  const workSlot = h('section', { class: 'card', testid: 'school-work' })

  // Graded work, one list per graded state, each read a page at a time by cursor (a large school
  // has thousands): 更多 asks every state that has more for its next page and appends it.
  let work = []
  let cursors = new Map() // state → the cursor of its next page (only states with more)
  const gradedPage = (state, after = null) => api.page(`/api/submissions${query(withCursor({ state, limit: WORK_PAGE }, after))}`)
  const takePages = (states, pages) => {
    pages.forEach(({ items, next }, n) => {
      work.push(...items)
      if (next) cursors.set(states[n], next)
      else cursors.delete(states[n])
    })
  }

  const load = async () => {
    const gradedStates = currentRules().workflow.graded_states
    const [school, groups, ...graded] = await Promise.all([
      api.get(`/api/schools/${schoolId}/quota`),
      api.get(`/api/schools/${schoolId}/groups`),
      ...gradedStates.map((state) => gradedPage(state)),
    ])
    work = []
    cursors = new Map()
    takePages(gradedStates, graded)
    top.replaceChildren(schoolCard(school, schoolId))
    // Each group's hand-over comes with its quota: one request for all the cards, however many groups.
    groupsSlot.replaceChildren(...groups.map((g) => groupCard(g, g.hand_over, school.uncovered_subjects.includes(g.subject))))
    await Promise.all([sessions.load(), handover.load()])
    met = new Map(groups.map((g) => [g.group_id, g.ok]))
    drawWork()
  }

  let met = new Map()
  const more = h('button', { type: 'button', testid: 'school-work-more' }, t('audit.more'))
  more.addEventListener('click', async () => {
    more.disabled = true
    try {
      const states = [...cursors.keys()]
      takePages(states, await Promise.all(states.map((state) => gradedPage(state, cursors.get(state)))))
      drawWork()
    } finally {
      more.disabled = false
    }
  })
  const drawWork = () => {
    fill(
      workSlot, // fill, not replaceChildren: an absent 更多 would be drawn as the text "null"
      h('h2', {}, t('school.work_title')),
      h('p', { class: 'muted' }, t('school.work_lead')),
      work.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'table' },
              h('thead', {}, h('tr', {}, h('th', {}, t('school.teacher')), h('th', {}, t('school.point')), h('th', {}, t('school.verdict')), h('th', {}, t('school.actions')))),
              h('tbody', {}, ...work.map((s) => workRow(s, points, met.get(s.group_id) !== false, desk))),
            ),
          )
        : h('p', { class: 'muted' }, t('school.no_work')),
      cursors.size ? h('div', { class: 'actions' }, more) : null,
    )
  }

  const sessions = schoolSessions()
  const desk = schoolDeskHook({ schoolId, points, reload: () => load() })
  const handover = schoolHandover({ schoolId, onHandedOver: () => desk.load() })
  const audit = auditView()
  const selections = selectionAdmin({ schoolId, points })
  const rubrics = rubricEditor({ schoolId })
  const photos = photoRoster({ schoolId })
  const zip = photoZipForm({ schoolId, onUploaded: () => photos.load({ watch: true }) })
  const results = schoolResults(schoolId)
  const hours = schoolHours(schoolId)
  const reloadAll = () => Promise.all([load(), results.load(), hours.load(), selections.load(), rubrics.load(), photos.load({ watch: true }), audit.load()])
  const setup = schoolSetupForm({ schoolId, points, onSaved: () => Promise.all([selections.load(), rubrics.load(), audit.load()]) })
  main.append(
    desk.el,
    handover.el,
    top,
    results.el,
    hours.el,
    hoursImport({ schoolId, onImported: () => hours.load() }),
    h('h2', { class: 'section-title' }, t('school.groups')),
    groupsSlot,
    sessions.el,
    peerPushCard(schoolId),
    setup.el,
    selections.el,
    rubrics.el,
    workSlot,
    desk.historyEl,
    photos.el,
    zip,
    rosterImport({ schoolId, onImported: reloadAll }),
    audit.el,
  )
  await Promise.all([reloadAll(), setup.load(), desk.load()])
  return () => photos.destroy()
}
