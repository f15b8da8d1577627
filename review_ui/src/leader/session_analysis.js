// A group-session recording as its group leader judges it (issue 16): whether it counts toward the
// group and why not; its stages, kept live; the player; the facts of the analysis; each listed
// participant seen (crop, first seen, share), not seen, or without a reference photo (with the
// control to add one, after which the session is identified again from its stored faces); the
// people on camera matching nobody on the list, each of whom the leader may say is a participant;
// and the leader's acts: accept despite failed checks (a reason is required), withdraw that,
// re-run the analysis, delete — the last two only until the group hands its work over.
import { api } from '../core/api.js'
import { confirmOnSecondClick } from '../core/confirm_click.js'
import { attempt, problemBox } from '../core/problem_box.js'
import { h } from '../core/dom.js'
import { clock, dateTimeWithZone, minutes } from '../core/format.js'
import { reasonText, t } from '../core/i18n.js'
import { photoControl } from '../people/reference_photo.js'
import { recordingPlayer } from '../recording/player.js'
import { liveStages } from '../recording/stages.js'
import { presenceOf } from './session_state.js'
import { sessionRecordBlock } from '../records/session_record.js'

/** A crop's address that changes with each identification, so the browser never shows a stale one. */
function cropUrl(recording, path) {
  const version = recording.analysis?.identified_at
  return `/api/recordings/${recording.id}/${path}${version ? `?v=${encodeURIComponent(version)}` : ''}`
}

function nameOf(person, names) {
  return person.name && !/^\d+$/.test(person.name) ? person.name : names.get(person.teacher_id) || `#${person.teacher_id}`
}



function participantRow(recording, person, names, { teachers, canAct, photoSlots }) {
  const presence = presenceOf(person)
  const name = nameOf(person, names)
  const row = h(
    'li',
    {
      class: `participant ${presence === 'seen' ? 'seen' : presence === 'no_reference' || presence === 'no_consent' ? 'no-reference' : 'missing'}`,
      testid: `participant-evidence-${person.teacher_id}`,
      dataset: { seen: String(presence === 'seen'), presence },
    },
    presence === 'seen' && person.evidence_key
      ? h('img', { src: cropUrl(recording, `evidence/${person.teacher_id}`), alt: t('analysis.crop_alt', { name }), loading: 'lazy', width: '64', height: '64' })
      : h('span', { class: 'no-crop', 'aria-hidden': 'true' }, presence === 'no_reference' ? '＋' : '?'),
    h(
      'span',
      { class: 'person' },
      h('strong', {}, name),
      h(
        'span',
        { class: 'presence', testid: `presence-${person.teacher_id}` },
        presence === 'seen'
          ? t('analysis.first_seen', { at: clock(person.first_seen_s), share: Math.round((person.seen_fraction || 0) * 100) })
          : presence === 'no_reference'
            ? t('analysis.no_reference')
            : presence === 'no_consent'
              ? t('analysis.no_consent')
              : t('analysis.not_seen'),
      ),
    ),
  )
  if (presence === 'no_reference' && canAct) {
    const slot = h('div', { class: 'photo-slot', hidden: true })
    const add = h('button', { type: 'button', class: 'link-button', testid: `add-photo-${person.teacher_id}` }, t('analysis.add_photo'))
    add.addEventListener('click', () => {
      if (!slot.firstChild) {
        const teacher = teachers.get(person.teacher_id) || { id: person.teacher_id, photo: 'none' }
        const control = photoControl(teacher)
        photoSlots.push(control)
        slot.append(control.el)
      }
      slot.hidden = false
      add.hidden = true
      slot.querySelector('input[type=file]')?.focus()
    })
    row.append(add, slot)
  }
  return row
}

function unknownRow(recording, person, index, names, { canAct, refresh }) {
  const n = person.n ?? index
  const row = h(
    'li',
    { class: 'participant unknown', testid: `unknown-person-${index}`, dataset: { n: String(n) } },
    person.evidence_key
      ? h('img', { src: cropUrl(recording, `unknown/${index}`), alt: t('analysis.unknown_alt', { n: index + 1 }), loading: 'lazy', width: '64', height: '64' })
      : h('span', { class: 'no-crop', 'aria-hidden': 'true' }, '?'),
    h(
      'span',
      { class: 'person' },
      h('strong', {}, t('analysis.unknown_person', { n: index + 1 })),
      h('span', {}, t('analysis.first_seen', { at: clock(person.first_seen_s), share: Math.round((person.seen_fraction || 0) * 100) })),
    ),
  )
  const candidates = (recording.analysis?.participants || []).filter((p) => presenceOf(p) !== 'seen')
  if (canAct && person.evidence_key && candidates.length) {
    const problem = problemBox()
    const select = h(
      'select',
      { testid: `assign-select-${index}`, 'aria-label': t('analysis.assign_label', { n: index + 1 }) },
      ...candidates.map((p) => h('option', { value: String(p.teacher_id) }, nameOf(p, names))),
    )
    const button = h('button', { type: 'button', class: 'small', testid: `assign-${index}` }, t('analysis.assign'))
    button.addEventListener('click', () =>
      attempt(button, problem, () => api.post(`/api/recordings/${recording.id}/faces/${n}/assign`, { teacher_id: Number(select.value) }), refresh),
    )
    row.append(h('div', { class: 'assign' }, h('span', { class: 'muted' }, t('analysis.assign_lead')), select, button), problem.el)
  }
  return row
}

function standingLine(recording) {
  const standing = recording.standing
  if (!standing) return null
  return h(
    'div',
    { class: `standing ${standing.state} ${standing.counts ? 'counts' : 'not-counting'}`, testid: 'session-standing', dataset: { state: standing.state, counts: String(standing.counts) }, role: 'status' },
    h('strong', {}, standing.counts ? t('session.counts') : t('session.not_counting')),
    ' ',
    reasonText(standing),
  )
}

function acceptanceBlock(recording, { canAct, refresh }) {
  const acceptance = recording.acceptance
  const standing = recording.standing?.state
  const problem = problemBox()
  if (acceptance) {
    const note = h(
      'div',
      { class: 'acceptance', testid: 'session-acceptance' },
      h('strong', {}, t('session.accepted_by', { name: acceptance.by_name || '—', at: dateTimeWithZone(acceptance.at) })),
      h('p', {}, acceptance.reason),
    )
    if (canAct) {
      const withdraw = h('button', { type: 'button', class: 'link-button', testid: 'withdraw-acceptance' }, t('session.withdraw'))
      withdraw.addEventListener('click', () => attempt(withdraw, problem, () => api.post(`/api/recordings/${recording.id}/acceptance/withdraw`, {}), refresh))
      note.append(withdraw, problem.el)
    }
    return note
  }
  if (!canAct || standing !== 'checks_failed') return null
  const reason = h('textarea', { rows: '2', testid: 'accept-reason', placeholder: t('session.accept_placeholder'), 'aria-label': t('session.accept_reason') })
  const button = h('button', { type: 'button', testid: 'accept-session' }, t('session.accept'))
  button.addEventListener('click', () =>
    attempt(button, problem, () => api.post(`/api/recordings/${recording.id}/acceptance`, { reason: reason.value }), refresh),
  )
  reason.addEventListener('input', () => problem.clear())
  return h('div', { class: 'accept-form' }, h('label', {}, t('session.accept_reason')), reason, h('p', { class: 'muted' }, t('session.accept_lead')), button, problem.el)
}

function playerBlock(recording) {
  const slot = h('div', { class: 'session-player' })
  let player = null
  const transcoded = (recording.stages || []).some((s) => s.stage === 'transcode' && s.state === 'done')
  if (!transcoded) return { el: slot, destroy: () => {} }
  const play = h('button', { type: 'button', class: 'small', testid: 'session-play' }, t('session.play'))
  play.addEventListener('click', async () => {
    play.disabled = true
    player = await recordingPlayer(recording.id)
    slot.replaceChildren(player.el)
  })
  slot.append(play)
  return { el: slot, destroy: () => player?.destroy?.() }
}

function actionsBlock(recording, { canAct, handedOver, refresh, onDeleted }) {
  if (!canAct) return null
  const problem = problemBox()
  const analyze = (recording.stages || []).find((s) => s.stage === 'analyze')
  const rerun = h('button', { type: 'button', class: 'small', testid: 'session-rerun' }, t('session.rerun'))
  rerun.disabled = handedOver || !analyze || !['done', 'failed'].includes(analyze.state)
  rerun.addEventListener('click', () => attempt(rerun, problem, () => api.post(`/api/recordings/${recording.id}/analysis/rerun`, {}), refresh))
  const remove = h('button', { type: 'button', class: 'small danger', testid: 'session-delete' }, t('session.delete'))
  remove.disabled = handedOver
  confirmOnSecondClick(remove, {
    armedLabel: t('session.delete_confirm'),
    onConfirm: () => attempt(remove, problem, () => api.del(`/api/recordings/${recording.id}`), onDeleted),
  })
  return h(
    'div',
    { class: 'actions session-actions' },
    rerun,
    remove,
    handedOver ? h('span', { class: 'muted' }, t('session.locked')) : null,
    problem.el,
  )
}

/**
 * The card of one session. `names`: teacher id → name; options: `teachers` (id → {id, photo}),
 * `canAct` (the group's leader), `handedOver` (the group's work is with the school), and
 * `onSettled()` — reload the list (after processing ends, or any act of the leader).
 */
export function sessionCard(recording, names, { onSettled, teachers = new Map(), canAct = false, handedOver = false } = {}) {
  const refresh = () => onSettled?.()
  const stages = liveStages(recording, { onSettled })
  const photoSlots = []
  const player = playerBlock(recording)
  const analysis = recording.analysis
  const el = h(
    'article',
    { class: 'card session', testid: `session-${recording.id}`, dataset: { status: recording.status } },
    h('header', { class: 'card-head' }, h('h3', {}, recording.original_filename), h('span', { class: 'muted' }, dateTimeWithZone(recording.created_at))),
    standingLine(recording),
    stages.el,
    acceptanceBlock(recording, { canAct, refresh }),
    player.el,
  )
  if (analysis) {
    el.append(
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('analysis.duration')),
        h('dd', { testid: 'analysis-duration', dataset: { seconds: String(analysis.duration_s ?? recording.duration_s ?? '') } }, minutes(analysis.duration_s ?? recording.duration_s)),
        h('dt', {}, t('analysis.effective')),
        h('dd', { testid: 'analysis-effective-duration', dataset: { seconds: String(analysis.effective_duration_s ?? '') } }, minutes(analysis.effective_duration_s)),
        h('dt', {}, t('analysis.unknown_faces')),
        h('dd', { testid: 'analysis-unknown-count' }, String(analysis.unknown_faces ?? 0)),
      ),
      h('ul', { class: 'participants' }, ...(analysis.participants || []).map((p) => participantRow(recording, p, names, { teachers, canAct, photoSlots }))),
    )
    if ((analysis.unknown || []).length) {
      el.append(
        h(
          'ul',
          { class: 'participants unknown-people', 'aria-label': t('analysis.unknown_faces') },
          ...analysis.unknown.map((p, i) => unknownRow(recording, p, i, names, { canAct, refresh })),
        ),
      )
    }
  } else if (recording.duration_s) {
    el.append(h('dl', { class: 'facts' }, h('dt', {}, t('analysis.duration')), h('dd', { testid: 'analysis-duration' }, minutes(recording.duration_s))))
  }
  el.append(sessionRecordBlock(recording.id).el)
  const actions = actionsBlock(recording, { canAct, handedOver, refresh, onDeleted: refresh })
  if (actions) el.append(actions)
  return {
    el,
    destroy() {
      stages.destroy()
      player.destroy()
      photoSlots.forEach((control) => control.destroy())
    },
  }
}
