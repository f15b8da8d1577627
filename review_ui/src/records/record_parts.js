// Pieces of a session's training record shared by the leader's card, the teacher's home and the
// school's list: the 完整 badge, what is missing, and the form a teacher writes their 心得 in.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { dateTimeWithZone } from '../core/format.js'
import { reasonText, t } from '../core/i18n.js'
import { textLength } from './record_state.js'
import { attempt, problemBox } from '../core/problem_box.js'

export function completeBadge(record, testid) {
  return h(
    'span',
    { class: `badge ${record.complete ? 'pick-confirmed' : 'pick-none'}`, testid, dataset: { complete: String(record.complete) } }, // green / red, as a confirmed choice
    record.complete ? t('record.complete') : t('record.incomplete'),
  )
}

export function missingList(record, testid) {
  if (!record.missing.length) return null
  return h('div', { class: 'result-reasons' }, h('span', { class: 'muted' }, t('record.missing')), h('ul', { class: 'missing', testid }, ...record.missing.map((r) => h('li', {}, reasonText(r)))))
}


/** Run `act` with the button held; on success `done(result)`, on refusal the server's reason in `problem`. */

/** A textarea with a live character count (as the server counts) and a save button. */
export function textForm({ text, placeholder, label, save, testid, onSave }) {
  const area = h('textarea', { rows: '4', testid: `${testid}-text`, placeholder, 'aria-label': label })
  area.value = text || ''
  const count = h('span', { class: 'muted', testid: `${testid}-count` })
  const showCount = () => {
    count.textContent = t('record.count', { n: textLength(area.value) })
  }
  showCount()
  const problem = problemBox()
  const button = h('button', { type: 'button', class: 'small', testid: `${testid}-save` }, save)
  area.addEventListener('input', () => {
    showCount()
    problem.clear()
  })
  button.addEventListener('click', () => attempt(button, problem, () => onSave(area.value)))
  return h('div', { class: 'record-form' }, h('label', {}, label), area, h('div', { class: 'actions' }, button, count), problem.el)
}

/** The signed-in teacher's own 心得 on `record` (`line` is their participant line); `onSaved(record)`. */
export function reflectionForm(record, line, onSaved) {
  return h(
    'div',
    { class: 'my-reflection', testid: `my-reflection-${record.recording_id}` },
    line.reflection_updated_at ? h('p', { class: 'muted', testid: 'my-reflection-saved' }, t('record.saved_at', { at: dateTimeWithZone(line.reflection_updated_at) })) : null,
    textForm({
      text: line.reflection_text,
      placeholder: t('record.reflection_placeholder', { n: record.reflection_min_chars }),
      label: t('record.my_reflection'),
      save: t('record.reflection_save'),
      testid: 'reflection',
      onSave: async (text) => onSaved(await api.put(`/api/recordings/${record.recording_id}/record/reflections/${line.teacher_id}`, { text })),
    }),
  )
}
