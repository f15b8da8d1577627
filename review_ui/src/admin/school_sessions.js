// The school's group-session recordings as the school admin checks them (issue 16): each group's
// sessions, whether they count, and — flagged — those a leader accepted although their automatic
// checks failed, with who accepted them, when and why. A filter shows only the flagged ones.
// Each row also says whether the session is a complete training record (完整, issue 20) and, for the
// school's own admin, downloads its package.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTime, dateTimeWithZone } from '../core/format.js'
import { reasonText, t } from '../core/i18n.js'
import { afterPage, firstMore, onMore, withCursor } from '../core/keyset.js'
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

const PAGE = 50 // sessions a page; 更多 asks for the next (X-Next-After)

/** { el, load() }: the sessions in the user's sight; `withSchool` names each one's school (the province). */
export function schoolSessions({ withSchool = false, title = t('session.school_title') } = {}) {
  const only = h('input', { type: 'checkbox', testid: 'sessions-only-flagged' })
  const body = h('tbody')
  const empty = h('p', { class: 'muted', hidden: true }, t('session.none'))
  const more = h('button', { type: 'button', hidden: true, testid: 'sessions-more' }, t('session.more'))
  let pager = firstMore()
  let generation = 0 // a page that arrives after the checkbox changed again is dropped
  // A page of sessions, then the training records of exactly those sessions.
  const fetchPage = async () => {
    const mine = generation
    const params = { kind: 'group_session', limit: PAGE }
    if (only.checked) params.accepted_despite_checks = true
    const { items: recordings, next } = await api.page(`/api/recordings${query(withCursor(params, pager.after))}`)
    const ids = recordings.map((r) => r.id)
    const records = ids.length ? await api.get(`/api/session-records${query({ recording_id: ids, limit: ids.length })}`) : []
    if (mine !== generation) return
    const byId = new Map(records.map((r) => [r.recording_id, r]))
    body.append(...recordings.map((r) => sessionRow(r, withSchool, byId.get(r.id))))
    pager = afterPage(pager, next)
    more.hidden = !pager.more
    empty.hidden = body.children.length > 0
  }
  const load = async () => {
    generation += 1
    pager = firstMore()
    body.replaceChildren()
    await fetchPage()
  }
  only.addEventListener('change', () => load())
  onMore(more, fetchPage, () => pager.more)
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
    more,
  )
  return { el, load }
}
