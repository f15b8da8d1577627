// 教师参考照片: every teacher of the school with their photo's state, who still has none, and a
// photo control per teacher opened on demand. While photos are being checked (after a ZIP) the
// list reads the states again every few seconds, for a bounded while. Each row also records a
// teacher's departure (离校, admin/departure.js); a teacher who left is listed as such, outside the
// photo count.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { departureControl } from './departure.js'
import { normalState, photoCount } from '../people/photo_state.js'
import { photoBadge, photoControl, setPhotoBadge } from '../people/reference_photo.js'

const WATCH_MS = 3000
const WATCH_TRIES = 40 // two minutes of re-reading after an upload

export function photoRoster({ schoolId }) {
  const rows = new Map() // teacher id → {tr, badge, detail, control}
  const states = new Map()
  const summary = h('p', { testid: 'school-photo-summary' })
  const onlyMissing = h('input', { type: 'checkbox', id: 'photo-only-missing', testid: 'photo-only-missing' })
  const tbody = h('tbody')
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const departureNote = h('div', { testid: 'departure-note' })
  let teachers = []
  let groupNames = new Map()
  let watchTimer = null
  let watchLeft = 0
  let destroyed = false

  const showSummary = () => {
    const { ok, total } = photoCount(states)
    summary.className = ok === total ? 'ok' : 'problem'
    summary.textContent = t('photo.school_summary', { k: total - ok, n: total })
  }

  const setState = (teacherId, state) => {
    states.set(teacherId, normalState(state))
    const row = rows.get(teacherId)
    if (row) setPhotoBadge(row.badge, state)
    showSummary()
  }

  const toggle = (teacher, row) => {
    if (row.control) {
      row.control.destroy()
      row.control = null
      row.detail.remove()
      row.button.textContent = t('photo.manage')
      row.button.setAttribute('aria-expanded', 'false')
      return
    }
    row.control = photoControl({ ...teacher, photo: states.get(teacher.id) }, { onChange: (state) => setState(teacher.id, state) })
    row.detail = h('tr', { class: 'photo-detail' }, h('td', { colspan: '3' }, row.control.el))
    row.tr.after(row.detail)
    row.button.textContent = t('photo.close')
    row.button.setAttribute('aria-expanded', 'true')
  }

  const nameCell = (teacher) =>
    h('td', {}, h('span', { class: 'who' }, `${teacher.name}（${teacher.staff_id}）`), h('span', { class: 'muted group-name' }, groupNames.get(teacher.group_id) || ''))

  const departedRow = (teacher) => {
    states.delete(teacher.id)
    const tr = h(
      'tr',
      { testid: `roster-teacher-${teacher.id}`, class: 'departed' },
      nameCell(teacher),
      h('td', {}, '—'),
      h('td', {}, departureControl(teacher, { out: departureNote, onChange: () => load() })),
    )
    return { tr, leftAt: teacher.left_at, detail: null, control: null }
  }

  const rowFor = (teacher) => {
    let row = rows.get(teacher.id)
    if (row && row.leftAt !== (teacher.left_at || null)) {
      row.control?.destroy()
      rows.delete(teacher.id)
      row = null
    }
    if (!row && teacher.left_at) {
      row = departedRow(teacher)
      rows.set(teacher.id, row)
      showSummary()
      return row
    }
    if (row?.leftAt) return row
    if (!row) {
      const badge = photoBadge(teacher.photo, { testid: `teacher-photo-${teacher.id}` })
      const button = h('button', { type: 'button', 'aria-expanded': 'false', testid: `photo-manage-${teacher.id}` }, t('photo.manage'))
      const tr = h(
        'tr',
        { testid: `roster-teacher-${teacher.id}` },
        nameCell(teacher),
        h('td', {}, badge),
        h('td', {}, button, ' ', departureControl(teacher, { out: departureNote, onChange: () => load() })),
      )
      row = { tr, badge, button, leftAt: null, detail: null, control: null }
      button.addEventListener('click', () => toggle(teacher, row))
      rows.set(teacher.id, row)
    }
    // An open control knows better than the list while it is checking a photo of its own.
    if (!row.control) setState(teacher.id, teacher.photo)
    return row
  }

  const draw = () => {
    const shown = teachers.filter((x) => !onlyMissing.checked || (!x.left_at && states.get(x.id) !== 'ok'))
    tbody.replaceChildren(...shown.flatMap((x) => {
      const row = rowFor(x)
      return row.control ? [row.tr, row.detail] : [row.tr]
    }))
  }

  async function load({ watch = false } = {}) {
    clearTimeout(watchTimer)
    if (watch) watchLeft = WATCH_TRIES
    try {
      const [all, groups] = await Promise.all([api.get('/api/teachers'), api.get(`/api/schools/${schoolId}/groups`)])
      if (destroyed) return
      teachers = all.filter((x) => x.school_id === schoolId)
      groupNames = new Map(groups.map((g) => [g.group_id, g.group_name]))
      for (const x of teachers) rowFor(x)
      draw()
      problem.hidden = true
    } catch (err) {
      problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
      problem.hidden = false
    }
    const checking = teachers.some((x) => normalState(x.photo) === 'pending')
    if (checking && watchLeft > 0 && !destroyed) {
      watchLeft -= 1
      watchTimer = setTimeout(() => load(), WATCH_MS)
    }
  }

  onlyMissing.addEventListener('change', draw)
  const el = h(
    'section',
    { class: 'card', testid: 'school-photos' },
    h('h2', {}, t('photo.school_title')),
    h('p', { class: 'muted' }, t('photo.school_lead')),
    summary,
    h('label', { for: 'photo-only-missing', class: 'check' }, onlyMissing, t('photo.only_missing')),
    problem,
    departureNote,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('school.teacher')), h('th', {}, t('photo.column')), h('th', {}, t('school.actions')))),
        tbody,
      ),
    ),
  )
  return {
    el,
    load,
    destroy: () => {
      destroyed = true
      clearTimeout(watchTimer)
      rows.forEach((row) => row.control?.destroy())
    },
  }
}
