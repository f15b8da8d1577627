// The group leader's page: the group's quota and submission, the review queue, the members'
// reference photos, and the group-session recordings (upload with who took part, then the
// evidence analysis).
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { minuteCount } from '../core/format.js'
import { currentRules } from '../core/rules.js'
import { groupStatus } from './quota_bar.js'
import { memberResults } from './member_results.js'
import { groupParticipation } from '../peer/group_participation.js'
import { groupHours } from '../hours/school_hours.js'
import { reviewQueue } from './review_queue.js'
import { sessionCard } from './session_analysis.js'
import { sessionsSignature } from './session_state.js'
import { uploadBox } from '../upload/upload_box.js'
import { loadPoints } from '../teacher/points.js'
import { groupRoster } from '../people/group_roster.js'
import { PHOTO_CHANGED } from '../people/reference_photo.js'
import { photoBadge, setPhotoBadge } from '../people/reference_photo.js'
import { showUntilFixed, stopWatching } from '../core/problem_box.js'

/** Tick who took part; each name shows whether their photo can be checked (the roster adds one). */
function participantPicker(teachers) {
  const boxes = teachers.map((teacher) =>
    h('input', { type: 'checkbox', id: `participant-${teacher.id}`, value: String(teacher.id), testid: `participant-${teacher.id}` }),
  )
  const badges = new Map(teachers.map((teacher) => [teacher.id, photoBadge(teacher.photo, { testid: `participant-photo-${teacher.id}` })]))
  const hint = h('p', { class: 'muted', testid: 'photo-picker-hint' }, t('photo.picker_hint'))
  const showHint = () => {
    hint.hidden = [...badges.values()].every((badge) => badge.dataset.photo === 'ok')
  }
  showHint()
  const el = h(
    'fieldset',
    { class: 'participants-pick' },
    h('legend', {}, t('session.who')),
    ...teachers.map((teacher, n) => h('label', { for: `participant-${teacher.id}`, class: 'check' }, boxes[n], teacher.name, badges.get(teacher.id))),
    hint,
  )
  const setPhoto = (teacherId, state) => {
    const badge = badges.get(teacherId)
    if (badge) setPhotoBadge(badge, state)
    showHint()
  }
  return { el, ids: () => boxes.filter((b) => b.checked).map((b) => Number(b.value)), setPhoto }
}

const WATCH_MS = 20_000

export async function leaderPage(main, { user, setTitle }) {
  setTitle(t('leader.title'))
  const groupId = user.group_id
  if (!groupId) {
    main.append(h('div', { class: 'notice info' }, t('leader.no_group')))
    return () => {}
  }
  let destroyers = []
  const [points, teachers] = await Promise.all([loadPoints(), api.get('/api/teachers')])
  const names = new Map(teachers.map((x) => [x.id, x.name]))
  const status = groupStatus(groupId, { canSubmit: true })
  const queueSlot = h('div')
  const results = memberResults(groupId)
  const sessionsList = h('div', { class: 'sessions' })
  const members = teachers.filter((x) => x.group_id === groupId && !x.left_at) // not those who left (离校)
  const picker = participantPicker(members)
  const roster = groupRoster(members, { onChange: (teacherId, state) => picker.setPhoto(teacherId, state) })
  const pickProblem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  // A photo added, replaced or removed anywhere on this page identifies the group's sessions again
  // on the server: show the new state at once, and the sessions as they are re-checked.
  const onPhoto = (event) => {
    const { teacherId, state } = event.detail || {}
    const teacher = byId.get(teacherId)
    if (teacher) teacher.photo = state
    picker.setPhoto(teacherId, state)
    // Only a usable photo gained or the last one gone changes identification; a refusal does not,
    // and reloading would take its reason off the card before the leader reads it.
    if (state === 'ok' || state === 'none') settled()
  }
  window.addEventListener(PHOTO_CHANGED, onPhoto)

  const byId = new Map(teachers.map((x) => [x.id, x]))
  const settled = () => Promise.all([loadSessions(), status.refresh()])
  const sessionsPath = `/api/recordings${query({ kind: 'group_session', group_id: groupId, limit: 100 })}`
  const fetchSessions = () => Promise.all([api.get(sessionsPath), api.get(`/api/groups/${groupId}/submission`)])
  let shown = ''
  const loadSessions = async () => {
    const [recordings, handOver] = await fetchSessions()
    destroyers.forEach((d) => d())
    destroyers = []
    const handedOver = handOver.state === 'submitted'
    shown = sessionsSignature(recordings, handOver)
    sessionsList.replaceChildren(
      ...(recordings.length
        ? recordings.map((r) => {
            const card = sessionCard(r, names, { onSettled: settled, teachers: byId, canAct: true, handedOver })
            destroyers.push(card.destroy)
            return card.el
          })
        : [h('p', { class: 'muted' }, t('session.none'))]),
    )
  }

  // Others change the group's sessions too (a teacher adds their own photo, the school returns the
  // group's work): look every WATCH_MS while the page is in view, and redraw only when something did.
  const watch = setInterval(async () => {
    if (document.hidden) return
    try {
      const [recordings, handOver] = await fetchSessions()
      if (sessionsSignature(recordings, handOver) !== shown) await settled()
    } catch {
      // a failed look is retried at the next tick; signing out stops the page
    }
  }, WATCH_MS)

  const upload = uploadBox({
    slot: `session-${groupId}`,
    inputTestId: 'session-upload-input',
    progressTestId: 'session-upload-progress',
    label: t('session.choose'),
    getTarget: () => {
      const ids = picker.ids()
      if (!ids.length) showUntilFixed(pickProblem, t('session.pick_someone'), { inputs: [picker.el], fixed: () => picker.ids().length > 0 })
      else {
        stopWatching(pickProblem)
        pickProblem.hidden = true
      }
      return ids.length ? { kind: 'group_session', group_id: groupId, participant_ids: ids } : null
    },
    onDone: () => loadSessions(),
  })

  const hours = groupHours(groupId)
  main.append(
    h('div', { class: 'two-col' }, status.el, queueSlot),
    results.el,
    groupParticipation(groupId).el,
    hours.el,
    roster.el,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('session.title')),
      h('p', { class: 'muted', testid: 'session-lead' }, t('session.lead', { n: minuteCount(currentRules().quotas.group_session_min_duration_s) })),
      picker.el,
      pickProblem,
      upload.el,
    ),
    h('h2', { class: 'section-title' }, t('session.list')),
    sessionsList,
  )
  await Promise.all([results.refresh(), status.refresh(), hours.load(), reviewQueue(groupId, points).then((el) => queueSlot.replaceChildren(el)), loadSessions()])
  return () => {
    destroyers.forEach((d) => d())
    upload.destroy()
    roster.destroy()
    window.removeEventListener(PHOTO_CHANGED, onPhoto)
    clearInterval(watch)
  }
}
