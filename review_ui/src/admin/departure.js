// 登记离校 for one teacher on the school's roster: a second click confirms (closing the accounts
// and deleting the teacher's face data cannot be taken back), and a teacher recorded as left shows
// when, with 撤销离校 for a mistake. `onChange()` runs after either, so the roster reads again.
import { api } from '../core/api.js'
import { confirmOnSecondClick } from '../core/confirm_click.js'
import { h } from '../core/dom.js'
import { dayOf } from '../core/format.js'
import { errorLines, t } from '../core/i18n.js'

export function departureControl(teacher, { out, onChange }) {
  const say = (cls, role, ...lines) => out.replaceChildren(h('div', { class: `notice ${cls}`, role }, ...lines.map((line) => h('div', {}, line))))
  const act = async (button, request, message) => {
    button.disabled = true
    try {
      const done = await request()
      say('info', 'status', message(done))
      await onChange?.()
    } catch (err) {
      say('error', 'alert', ...errorLines(err))
    } finally {
      button.disabled = false
    }
  }
  const url = `/api/teachers/${teacher.id}/departure`
  if (teacher.left_at) {
    const undo = h('button', { type: 'button', testid: `departure-undo-${teacher.id}` }, t('departure.undo'))
    confirmOnSecondClick(undo, {
      armedLabel: t('departure.undo_armed'),
      onConfirm: () => act(undo, () => api.del(url), () => t('departure.undone', { name: teacher.name })),
    })
    return h('span', { class: 'departure' }, h('span', { class: 'badge muted', testid: `departed-${teacher.id}` }, t('departure.left', { day: dayOf(teacher.left_at) })), ' ', undo)
  }
  const button = h('button', { type: 'button', class: 'danger', testid: `departure-${teacher.id}` }, t('departure.button'))
  confirmOnSecondClick(button, {
    armedLabel: t('departure.armed'),
    onConfirm: () =>
      act(button, () => api.post(url, {}), (done) => t('departure.done', { name: teacher.name, photos: done.photos_deleted, faces: done.session_faces_deleted })),
  })
  return button
}
