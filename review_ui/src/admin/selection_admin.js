// 教师选点: every teacher's point selection at a glance, who has not confirmed, and the editor
// in which the school admin chooses for a teacher after the deadline or changes a confirmed
// choice with a reason (seed 001). The editor is the teacher's own chooser in 'admin' mode.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { day } from '../core/format.js'
import { errorLines, t } from '../core/i18n.js'
import { selectionChooser } from '../teacher/selection.js'
import { resetPasswordButton } from './password_reset.js'

function statusLabel(status) {
  if (status === 'confirmed') return t('selections.status_confirmed')
  if (status === 'draft') return t('selections.status_draft')
  return t('selections.status_none')
}

function windowLine(list) {
  const dates = { from: day(list.opens_on), to: day(list.closes_on) }
  if (list.window_state === 'past_deadline') return h('p', { class: 'problem', testid: 'selection-window' }, t('selections.window_past', dates))
  if (list.window_state === 'not_open') return h('p', { class: 'muted', testid: 'selection-window' }, t('selections.window_not_open', dates))
  return h('p', { class: 'muted', testid: 'selection-window' }, t('selections.window_open', dates))
}

/** What the admin may do for this teacher today: choose (after the deadline), change, or nothing. */
function editLabel(row, windowState) {
  if (row.status === 'confirmed') return t('selections.change')
  return windowState === 'past_deadline' ? t('selections.choose_for') : null
}

export function selectionAdmin({ schoolId, points }) {
  const body = h('div')
  const editorSlot = h('div')
  const message = h('div', { class: 'notice info', role: 'status', hidden: true })
  const el = h('section', { class: 'card', testid: 'selection-admin' }, h('h2', {}, t('selections.title')), body, message, editorSlot)

  const openEditor = async (row) => {
    message.hidden = true
    try {
      const selection = await api.get(`/api/teachers/${row.teacher_id}/selection`)
      const chooser = selectionChooser({
        teacherId: row.teacher_id,
        selection,
        points,
        mode: 'admin',
        teacherName: row.name,
        onConfirmed: async () => {
          editorSlot.replaceChildren()
          await load()
          message.textContent = t('selections.done', { name: row.name })
          message.hidden = false
        },
      })
      const close = h('button', { type: 'button', testid: 'selection-close', onclick: () => editorSlot.replaceChildren() }, t('selections.close'))
      editorSlot.replaceChildren(chooser, h('div', { class: 'actions' }, close))
      chooser.scrollIntoView?.({ block: 'nearest' })
    } catch (err) {
      editorSlot.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((line) => h('div', {}, line))))
    }
  }

  const teacherRow = (row, windowState) => {
    const label = editLabel(row, windowState)
    const action = label
      ? h('button', { type: 'button', testid: `selection-edit-${row.teacher_id}`, onclick: () => openEditor(row) }, label)
      : h('span', { class: 'muted' }, t('selections.teacher_chooses'))
    return h(
      'tr',
      { testid: `selection-row-${row.teacher_id}`, class: row.status === 'confirmed' ? '' : 'unconfirmed' },
      h('td', {}, `${row.name}（${row.staff_id}）`),
      h('td', {}, row.group_name || '—'),
      h('td', {}, h('span', { class: `badge pick-${row.status}` }, statusLabel(row.status))),
      h('td', {}, row.codes.join('、') || '—'),
      h('td', {}, action, ' ', resetPasswordButton({ teacherId: row.teacher_id, name: row.name, staffId: row.staff_id, out: editorSlot })),
    )
  }

  // Without a programme setup there are no selections to list, but accounts still need resets.
  const accountsTable = (teachers) =>
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table', testid: 'teacher-accounts' },
        h('thead', {}, h('tr', {}, h('th', {}, t('school.teacher')), h('th', {}, t('school.actions')))),
        h(
          'tbody',
          {},
          ...teachers.map((teacher) =>
            h(
              'tr',
              { testid: `account-row-${teacher.id}` },
              h('td', {}, `${teacher.name}（${teacher.staff_id}）`),
              h('td', {}, resetPasswordButton({ teacherId: teacher.id, name: teacher.name, staffId: teacher.staff_id, out: editorSlot })),
            ),
          ),
        ),
      ),
    )

  async function load() {
    let list
    try {
      list = await api.get(`/api/schools/${schoolId}/selections`)
    } catch (err) {
      // e.g. the school has no setup yet (409): say why here; its teachers still get 重置密码.
      const teachers = (await api.get('/api/teachers').catch(() => [])).filter((x) => !x.left_at) // not those who left (离校)
      body.replaceChildren(h('div', { class: 'notice error', role: 'alert' }, ...errorLines(err).map((line) => h('div', {}, line))), accountsTable(teachers))
      return
    }
    const pending = list.teachers.filter((row) => row.status !== 'confirmed').length
    body.replaceChildren(
      windowLine(list),
      h('p', { class: pending ? 'problem' : 'ok', testid: 'selection-pending' }, pending ? t('selections.pending', { k: pending, n: list.teachers.length }) : t('selections.all_confirmed')),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table' },
          h('thead', {}, h('tr', {}, h('th', {}, t('school.teacher')), h('th', {}, t('selections.group')), h('th', {}, t('selections.status')), h('th', {}, t('selections.codes')), h('th', {}, t('school.actions')))),
          h('tbody', {}, ...list.teachers.map((row) => teacherRow(row, list.window_state))),
        ),
      ),
    )
  }

  return { el, load }
}
