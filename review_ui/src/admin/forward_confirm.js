// Before the school forwards work: what the province will receive (teacher, point, the lesson
// recording, each document), read fresh from GET /api/submissions/{id}, and a 确认推送 button.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { pointTitle } from '../teacher/points.js'
import { forwardPackage } from './desk_state.js'

/** The confirm box for `submission`; proceed() forwards, cancel() closes it. */
export async function forwardConfirm(submission, points, { proceed, cancel }) {
  const full = await api.get(`/api/submissions/${submission.id}`)
  const pack = forwardPackage(full, pointTitle(points, full.capability_code))
  const yes = h('button', { type: 'button', class: 'primary', testid: `forward-confirm-${submission.id}` }, t('desk.confirm_yes'))
  yes.addEventListener('click', () => proceed(yes))
  return h(
    'div',
    { class: 'notice warn', testid: `forward-package-${submission.id}` },
    h('p', {}, t('desk.confirm_forward')),
    h(
      'ul',
      {},
      h('li', {}, t('desk.confirm_teacher', { name: pack.teacher })),
      h('li', {}, t('desk.confirm_point', { point: pack.point })),
      h('li', {}, pack.recording ? t('desk.confirm_recording') : t('desk.confirm_no_recording')),
      ...(pack.documents.length ? pack.documents.map((name) => h('li', {}, t('desk.confirm_document', { name }))) : [h('li', {}, t('desk.confirm_no_documents'))]),
    ),
    h('p', { class: 'muted' }, t('desk.confirm_final')),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: cancel }, t('move.cancel')), yes),
  )
}
