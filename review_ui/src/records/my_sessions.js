// The teacher's home: the group sessions they are listed in (issue 20, item 5), each asking for
// their 学习心得 — seed 001 §三.3 counts a session complete only once every participant wrote one.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { t } from '../core/i18n.js'
import { completeBadge, missingList, reflectionForm } from './record_parts.js'
import { myLine } from './record_state.js'

function sessionItem(record, teacherId) {
  const item = h('article', { class: 'card session-record', testid: `my-session-${record.recording_id}` })
  const show = (fresh) => {
    const line = myLine(fresh, teacherId)
    item.dataset.complete = String(fresh.complete)
    item.dataset.written = String(Boolean(line?.reflection_written))
    fill(
      item,
      h(
        'header',
        { class: 'card-head' },
        h('h3', {}, t('record.session_of', { group: fresh.group_name || '—', name: fresh.original_filename, at: dateTimeWithZone(fresh.created_at) })),
        completeBadge(fresh, `my-session-complete-${fresh.recording_id}`),
      ),
      missingList(fresh, `my-session-missing-${fresh.recording_id}`),
      line ? reflectionForm(fresh, line, show) : null,
    )
  }
  show(record)
  return item
}

/** { el, refresh() }: the card listing the signed-in teacher's sessions, loading itself at once. */
export function mySessionsCard(teacherId) {
  const list = h('div', { class: 'cards' })
  const el = h('section', { class: 'card', testid: 'my-sessions' }, h('h2', {}, t('record.my_title')), h('p', { class: 'muted' }, t('record.my_lead')), list)
  const refresh = async () => {
    const records = await api.get('/api/session-records/mine')
    fill(list, ...(records.length ? records.map((r) => sessionItem(r, teacherId)) : [h('p', { class: 'muted' }, t('record.my_none'))]))
  }
  refresh().catch((err) => fill(list, h('div', { class: 'notice error', role: 'alert' }, err.message)))
  return { el, refresh }
}
