// One chosen point: upload its lesson recording and documents, watch the processing, submit
// it, and read the group leader's verdict and time-coded comments.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { levelLabel, stateLabel, verdictOf } from '../core/format.js'
import { uploadBox } from '../upload/upload_box.js'
import { liveStages } from '../recording/stages.js'
import { commentList } from '../recording/comments_view.js'
import { pointTitle } from './points.js'
import { reasonNote } from '../review/history_note.js'
import { linkHandler } from '../core/router.js'
import { documentPanel } from './document_panel.js'
import { currentRules } from '../core/rules.js'
import { requirementsPanel, submitArea } from './requirements_panel.js'
import { asksVideo, cardRequirements } from './requirements_state.js'

async function loadRecording(id) {
  if (!id) return null
  try {
    return await api.get(`/api/recordings/${id}`)
  } catch {
    return null
  }
}

/** The card of `code`; `submission` may be null before the first upload. Returns {el, destroy}. */
export function submissionCard({ teacherId, code, submission, points, reload }) {
  const el = h('article', { class: 'card submission', testid: `submission-${code}` })
  const destroyers = []
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const fail = (err) => {
    problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
    problem.hidden = false
  }

  // Once per upload, even if this card was rebuilt meanwhile: the recording joins the submission.
  const attach = async (completed) => {
    if (submission) await api.put(`/api/submissions/${submission.id}/recording`, { recording_id: completed.recording_id })
    else await api.post('/api/submissions', { teacher_id: teacherId, capability_code: code, recording_id: completed.recording_id })
  }
  // Documents may come before the recording: the first one creates the draft they belong to.
  const submissionId = async () => {
    if (submission) return submission.id
    try {
      submission = await api.post('/api/submissions', { teacher_id: teacherId, capability_code: code })
    } catch (err) {
      if (!err.error?.submission_id) throw err
      submission = await api.get(`/api/submissions/${err.error.submission_id}`) // made meanwhile elsewhere
    }
    return submission.id
  }

  const build = async () => {
    // The listing leaves documents out; the card shows them, so it reads its submission whole.
    const [recording, whole] = await Promise.all([
      loadRecording(submission?.recording_id),
      submission && !submission.documents ? api.get(`/api/submissions/${submission.id}`) : submission,
    ])
    submission = whole
    const state = submission?.state || null
    // The author changes the evidence only in the states the server allows (GET /api/rules).
    const editable = !submission || currentRules().workflow.editable_states.includes(state)
    el.append(
      h(
        'header',
        { class: 'card-head' },
        h('h3', {}, pointTitle(points, code)),
        h('span', { class: `badge state-${state || 'none'}` }, state ? stateLabel(state) : t('submission.no_recording')),
      ),
    )
    const note = submission ? await reasonNote(submission) : null
    if (note) el.append(note)
    // What the point asks for, before anything is uploaded; refreshed when the probe learns the duration.
    const requirements = cardRequirements(points.get(code), submission)
    const requirementsSlot = h('div', {}, requirementsPanel(requirements))
    el.append(requirementsSlot)
    const video = requirements?.items.find((item) => item.kind === 'video')
    if (editable && asksVideo(requirements)) {
      const box = uploadBox({
        slot: `lesson-${teacherId}-${code}`,
        getTarget: () => ({ kind: 'lesson', teacher_id: teacherId, capability_code: code }),
        label: recording ? t('upload.replace') : requirements?.known ? t('requirements.choose_video', { item: video.key }) : t('upload.choose'),
        uploaded: Boolean(recording),
        finish: attach,
        onDone: () => reload(code),
      })
      destroyers.push(box.destroy)
      el.append(box.el)
    }
    if (recording) {
      el.append(h('p', { class: 'muted file' }, t('submission.file', { name: recording.original_filename })))
      const stages = liveStages(recording, { onSettled: () => reload(code), onStage: refreshOnProbe })
      destroyers.push(stages.destroy)
      el.append(stages.el)
    }
    const docs = documentPanel({
      slot: `documents-${teacherId}-${code}`,
      point: points.get(code),
      submission,
      editable,
      submissionId,
      onChanged: () => reload(code),
    })
    destroyers.push(docs.destroy)
    el.append(docs.el)
    const actions = submission?.allowed_actions || []
    const move = actions.includes('resubmit') ? 'resubmit' : actions.includes('submit') ? 'submit' : null
    const onSubmit = async () => {
      problem.hidden = true
      try {
        await api.post(`/api/submissions/${submission.id}/${move}`)
        await reload(code)
        return true
      } catch (err) {
        fail(err)
        return false
      }
    }
    const actionsSlot = h('div', {}, move ? submitArea({ requirements, move, onSubmit, grader: submission?.grader_role }) : null)
    el.append(actionsSlot, problem)
    // The duration is known once the probe is done, before analysis and transcoding finish.
    async function refreshOnProbe(stage) {
      if (stage.stage !== 'probe' || stage.state !== 'done' || !submission) return
      const fresh = await api.get(`/api/submissions/${submission.id}`).catch(() => null)
      if (!fresh?.requirements || !el.isConnected) return
      requirementsSlot.replaceChildren(requirementsPanel(fresh.requirements) || '')
      if (move) actionsSlot.replaceChildren(submitArea({ requirements: fresh.requirements, move, onSubmit, grader: fresh.grader_role }))
    }
    const verdict = verdictOf(state)
    if (verdict) {
      el.append(
        h(
          'div',
          { class: `verdict ${verdict}`, testid: 'verdict' },
          h('strong', {}, levelLabel(verdict)),
          submission.score !== null && submission.score !== undefined ? h('span', {}, t('submission.score', { score: submission.score })) : null,
          submission.comment ? h('p', {}, submission.comment) : null,
        ),
      )
    }
    if (recording && recording.status === 'ready' && submission) {
      const path = `/review/${submission.id}`
      el.append(h('p', {}, h('a', { href: path, onclick: linkHandler(path), testid: 'open-review' }, t('submission.watch'))))
    }
    if (recording && state && state !== 'draft') {
      const comments = await api.get(`/api/recordings/${recording.id}/comments`).catch(() => [])
      el.append(h('h4', {}, t('comments.title')), commentList(comments).el)
    }
  }

  const ready = build().catch(fail)
  return { el, ready, destroy: () => destroyers.forEach((d) => d()) }
}
