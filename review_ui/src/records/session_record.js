// A group session's training record on its leader's card (issue 20, item 5; seed 001 §三.3 “点名签到,
// 录好视频,做好报道和提交学习心得”): 完整 or what is missing; the sign-in sheet, where the leader signs in
// by hand (with a note) a listed teacher the recording did not identify, or undoes that; the report
// the leader writes; whose 心得 are in; and, when the signed-in user is on the list, their own 心得.
import { api } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { pick, t } from '../core/i18n.js'
import { currentUser } from '../core/session.js'
import { attempt, problemBox } from '../core/problem_box.js'
import { completeBadge, missingList, reflectionForm, textForm } from './record_parts.js'
import { myLine } from './record_state.js'

function signInRow(record, person, show) {
  const row = h(
    'li',
    { class: `participant ${person.signed_in ? 'seen' : 'missing'}`, testid: `sign-in-${person.teacher_id}`, dataset: { source: person.source || 'none' } },
    h('span', { class: 'person' }, h('strong', {}, person.name), h('span', { class: 'presence' }, person.signed_in ? pick(person, 'source') : t('record.not_signed_in'))),
  )
  if (person.source === 'manual') {
    row.append(h('div', { class: 'muted' }, t('record.noted_by', { name: person.note_by_name || '—', at: dateTimeWithZone(person.noted_at), note: person.note })))
  }
  if (!record.can_lead) return row
  const problem = problemBox()
  if (person.source === 'manual') {
    const undo = h('button', { type: 'button', class: 'link-button', testid: `remove-sign-in-${person.teacher_id}` }, t('record.remove_sign_in'))
    undo.addEventListener('click', () => attempt(undo, problem, () => api.del(`/api/recordings/${record.recording_id}/record/sign-ins/${person.teacher_id}`), show))
    row.append(undo, problem.el)
  } else if (!person.signed_in) {
    const note = h('input', { type: 'text', testid: `sign-in-note-${person.teacher_id}`, placeholder: t('record.note_placeholder'), 'aria-label': t('record.note') })
    const add = h('button', { type: 'button', class: 'small', testid: `add-sign-in-${person.teacher_id}` }, t('record.add_sign_in'))
    add.addEventListener('click', () =>
      attempt(add, problem, () => api.post(`/api/recordings/${record.recording_id}/record/sign-ins`, { teacher_id: person.teacher_id, note: note.value }), show),
    )
    note.addEventListener('input', () => problem.clear())
    row.append(h('div', { class: 'assign' }, note, add), problem.el)
  }
  return row
}

function reportBlock(record, show) {
  const report = record.report
  const by = report ? h('p', { class: 'muted', testid: 'record-report-by' }, t('record.report_by', { name: report.written_by_name || '—', at: dateTimeWithZone(report.updated_at) })) : null
  if (!record.can_lead) {
    return h('div', { class: 'record-report' }, h('h4', {}, t('record.report')), report ? h('p', { testid: 'record-report-text' }, report.text) : h('p', { class: 'muted' }, '—'), by)
  }
  const form = textForm({
    text: report?.text,
    placeholder: t('record.report_placeholder', { n: record.report_min_chars }),
    label: t('record.report'),
    save: t('record.report_save'),
    testid: 'record-report',
    onSave: async (text) => show(await api.put(`/api/recordings/${record.recording_id}/record/report`, { text })),
  })
  return h('div', { class: 'record-report' }, form, by)
}

function reflectionsBlock(record) {
  return h(
    'div',
    { class: 'record-reflections' },
    h('h4', {}, t('record.reflections')),
    h(
      'ul',
      { class: 'plain' },
      ...record.participants.map((p) =>
        h(
          'li',
          { testid: `reflection-status-${p.teacher_id}`, dataset: { written: String(p.reflection_written) } },
          h('strong', {}, p.name),
          ' ',
          p.reflection_written ? t('record.written', { n: p.reflection_chars }) : t('record.unwritten'),
        ),
      ),
    ),
  )
}

/** { el, refresh() }: the record of session `recordingId`, loaded now and after every act. */
export function sessionRecordBlock(recordingId) {
  const el = h('section', { class: 'session-record', testid: `record-${recordingId}` })
  const show = (record) => {
    el.dataset.complete = String(record.complete)
    const line = myLine(record, currentUser()?.teacher_id)
    fill(
      el,
      h('header', { class: 'card-head' }, h('h3', {}, t('record.title')), completeBadge(record, 'record-complete')),
      h('p', { class: 'muted' }, t('record.lead')),
      missingList(record, 'record-missing'),
      h('h4', {}, t('record.sign_in')),
      h('ul', { class: 'participants' }, ...record.participants.map((p) => signInRow(record, p, show))),
      reportBlock(record, show),
      reflectionsBlock(record),
      line ? reflectionForm(record, line, show) : null,
    )
  }
  const refresh = async () => show(await api.get(`/api/recordings/${recordingId}/record`))
  refresh().catch(() => {}) // a session deleted meanwhile: the list reloads without it
  return { el, refresh }
}
