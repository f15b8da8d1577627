// The school's group-session recordings as the school admin checks them (issue 16): each group's
// sessions, whether they count, and — flagged — those a leader accepted although their automatic
// checks failed, with who accepted them, when and why. A filter shows only the flagged ones.
// Each row also says whether the session is a complete training record (完整, issue 20) and, for the
// school's own admin, downloads its package.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime, dateTimeWithZone } from '../core/format.js'
import { reasonText, t } from '../core/i18n.js'
import { recordCell } from '../records/record_cell.js'

/** Whether a session counts only on its leader's word (its checks failed). */
export function acceptedDespiteChecks(recording) {
  return Boolean(recording.acceptance) && recording.status === 'rejected'
}

function sessionRow(recording, withSchool, record) {
  const flagged = acceptedDespiteChecks(recording)
  const acceptance = recording.acceptance
  return h(
    'tr',
    { testid: `school-session-${recording.id}`, dataset: { flagged: String(flagged) } },
    h('td', {}, recording.group_name || '—', withSchool ? h('div', { class: 'muted' }, recording.school_name || '') : null),
    h('td', {}, recording.original_filename, h('div', { class: 'muted' }, dateTimeWithZone(recording.created_at))),
    h(
      'td',
      {},
      h('span', { class: `badge ${recording.standing?.counts ? 'ok' : 'problem'}` }, recording.standing?.counts ? t('session.counts') : t('session.not_counting')),
      flagged ? h('span', { class: 'badge flagged', testid: `flag-accepted-${recording.id}` }, t('session.flagged')) : null,
      h('div', { class: 'muted' }, reasonText(recording.standing)),
      acceptance ? h('div', {}, t('session.accepted_by', { name: acceptance.by_name || '—', at: dateTimeWithZone(acceptance.at) }), ' ', acceptance.reason) : null,
    ),
    recordCell(record),
  )
}

/** { el, load() }: the sessions in the user's sight; `withSchool` names each one's school (the province). */
export function schoolSessions({ withSchool = false, title = t('session.school_title') } = {}) {
  const only = h('input', { type: 'checkbox', testid: 'sessions-only-flagged' })
  const body = h('tbody')
  const empty = h('p', { class: 'muted', hidden: true }, t('session.none'))
  let generation = 0 // a list that arrives after the checkbox changed again is dropped
  const load = async () => {
    const mine = ++generation
    const params = { kind: 'group_session', limit: 200 }
    if (only.checked) params.accepted_despite_checks = true
    const [recordings, records] = await Promise.all([api.get(`/api/recordings${query(params)}`), api.get(`/api/session-records${query({ limit: 200 })}`)])
    if (mine !== generation) return
    const byId = new Map(records.map((r) => [r.recording_id, r]))
    body.replaceChildren(...recordings.map((r) => sessionRow(r, withSchool, byId.get(r.id))))
    empty.hidden = recordings.length > 0
  }
  only.addEventListener('change', () => load())
  const el = h(
    'section',
    { class: 'card', testid: 'school-sessions' },
    h('h2', {}, title),
    h('p', { class: 'muted' }, t('session.school_lead')),
    h('label', { class: 'check' }, only, t('session.only_flagged')),
    h(
      'div',
      { class: 'table-wrap' },
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', {}, t('session.group')), h('th', {}, t('session.recording')), h('th', {}, t('session.standing')), h('th', {}, t('record.column')))), body),
    ),
    empty,
  )
  return { el, load }
}
