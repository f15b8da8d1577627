// The teacher's page: their reference photo, choose the points, then one card per confirmed point.
import { api, query } from '../core/api.js'
import { h } from '../core/dom.js'
import { t } from '../core/i18n.js'
import { confirmedSelection, selectionChooser } from './selection.js'
import { submissionCard } from './submission_card.js'
import { loadPoints } from './points.js'
import { myPhotoCard } from '../people/my_photo.js'
import { overallResultCard } from './overall_result.js'
import { ledgerCard } from '../hours/ledger_card.js'
import { peerCard } from '../peer/peer_card.js'
import { mySessionsCard } from '../records/my_sessions.js'

export async function teacherPage(main, { user, setTitle }) {
  setTitle(t('teacher.title'))
  const teacherId = user.teacher_id
  if (!teacherId) {
    main.append(h('div', { class: 'notice info' }, t('teacher.no_teacher')))
    return () => {}
  }
  const cards = new Map()
  const selectionSlot = h('div')
  const cardsSlot = h('div', { class: 'cards' })
  const photo = myPhotoCard(teacherId)
  const result = overallResultCard(teacherId)
  main.append(photo.el, result.el, selectionSlot, cardsSlot)
  main.append(ledgerCard(teacherId).el)
  main.append(peerCard().el)
  main.append(mySessionsCard(teacherId).el)
  const [selection, points] = await Promise.all([api.get(`/api/teachers/${teacherId}/selection`), loadPoints(), result.refresh()])

  const submissionsByCode = async () => {
    const rows = await api.get(`/api/submissions${query({ teacher_id: teacherId, limit: 200 })}`)
    return new Map(rows.map((s) => [s.capability_code, s]))
  }

  const placeCard = (code, submission, before) => {
    const card = submissionCard({ teacherId, code, submission, points, reload })
    cards.get(code)?.destroy()
    cards.set(code, card)
    if (before) before.replaceWith(card.el)
    else cardsSlot.append(card.el)
    return card.ready
  }

  async function reload(code) {
    const byCode = await submissionsByCode()
    const old = cards.get(code)
    await placeCard(code, byCode.get(code) || null, old?.el)
    await result.refresh()
  }

  const showCards = async (codes) => {
    const byCode = await submissionsByCode()
    cardsSlot.replaceChildren(h('h2', { class: 'section-title' }, t('teacher.my_work')))
    await Promise.all(codes.map((code) => placeCard(code, byCode.get(code) || null)))
  }

  if (selection.status === 'confirmed') {
    selectionSlot.replaceChildren(confirmedSelection({ selection, points }))
    await showCards(selection.codes)
  } else {
    selectionSlot.replaceChildren(
      selectionChooser({
        teacherId,
        selection,
        points,
        onConfirmed: async (confirmed) => {
          selectionSlot.replaceChildren(confirmedSelection({ selection: confirmed, points }))
          await showCards(confirmed.codes)
        },
      }),
    )
  }
  return () => {
    cards.forEach((card) => card.destroy())
    photo.destroy()
  }
}
