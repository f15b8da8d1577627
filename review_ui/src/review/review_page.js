// One submission under review: the player with time-coded comments, the documents handed in
// (download links), and what this user may do with it: the leader grades it (rubric, pass line,
// quota bar), the school forwards or returns it, the province confirms or downgrades it, the
// teacher reads the verdict.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { levelLabel, stateLabel, verdictOf } from '../core/format.js'
import { t } from '../core/i18n.js'
import { linkHandler } from '../core/router.js'
import { recordingPlayer } from '../recording/player.js'
import { warningNotes } from '../recording/stages.js'
import { commentPanel } from './comment_panel.js'
import { rubricForm } from './rubric_form.js'
import { gradedRubric } from './graded_rubric.js'
import { moveButtons } from './moves.js'
import { groupStatus } from '../leader/quota_bar.js'
import { loadPoints, pointTitle } from '../teacher/points.js'
import { reasonNote } from './history_note.js'
import { documentList } from '../documents/document_list.js'
import { provinceReviewPanel } from '../province/review_panel.js'

const SCORES = ['score_excellent', 'score_pass', 'score_fail']

function summary(submission, points) {
  const verdict = verdictOf(submission.state)
  return h(
    'section',
    { class: 'card review-head' },
    h('h2', {}, `${submission.teacher_name} · ${pointTitle(points, submission.capability_code)}`),
    h(
      'p',
      {},
      h('span', { class: `badge state-${submission.state}`, testid: 'submission-state' }, stateLabel(submission.state)),
      ' ',
      h('span', { class: 'muted' }, submission.subject),
    ),
    verdict
      ? h(
          'div',
          { class: `verdict ${verdict}`, testid: 'verdict' },
          h('strong', {}, levelLabel(verdict)),
          submission.score !== null && submission.score !== undefined ? h('span', {}, t('submission.score', { score: submission.score })) : null,
          submission.comment ? h('p', {}, submission.comment) : null,
        )
      : null,
  )
}

export async function reviewPage(main, { user, setTitle, submissionId }) {
  setTitle(t('review.title'))
  let destroyers = []
  const destroy = () => {
    destroyers.forEach((d) => d())
    destroyers = []
  }
  const points = await loadPoints()

  // Grading or moving a submission redraws the page; the reviewer's place in the video survives it.
  let playhead = { recordingId: null, seconds: 0 }
  let currentVideo = null
  const build = async () => {
    if (currentVideo) playhead = { ...playhead, seconds: currentVideo.currentTime || 0 }
    currentVideo = null
    destroy()
    const submission = await api.get(`/api/submissions/${submissionId}`)
    const back = h('a', { href: '/', class: 'back', onclick: linkHandler('/') }, t('review.back'))
    const media = h('div', { class: 'media-col' })
    const side = h('div', { class: 'side-col' })
    const head = summary(submission, points)
    main.replaceChildren(back, head, h('div', { class: 'review-grid' }, media, side))
    const note = await reasonNote(submission)
    if (note) head.append(note)

    let player = { video: null, seek: () => {}, destroy: () => {} }
    if (submission.recording_id) {
      const startAt = playhead.recordingId === submission.recording_id ? playhead.seconds : 0
      player = await recordingPlayer(submission.recording_id, { startAt })
      playhead = { recordingId: submission.recording_id, seconds: startAt }
      currentVideo = player.video
      destroyers.push(player.destroy)
      media.append(player.el)
      const [comments, recording] = await Promise.all([
        api.get(`/api/recordings/${submission.recording_id}/comments`).catch(() => []),
        api.get(`/api/recordings/${submission.recording_id}`).catch(() => null),
      ])
      // Whether this user may pin comments is the server's rule (domain.visibility.can_comment_on).
      const canComment = Boolean(recording?.can_comment)
      // The leader, the school and the province read here which earlier recording this one repeats.
      const warnings = recording ? warningNotes(recording) : null
      if (warnings) head.append(warnings)
      const panel = commentPanel({ recordingId: submission.recording_id, player, comments, canComment })
      destroyers.push(panel.destroy)
      media.append(panel.el)
    } else {
      media.append(h('div', { class: 'notice info' }, t('review.no_recording')))
    }

    side.append(
      h('section', { class: 'card', testid: 'documents' }, h('h2', {}, t('documents.title')), documentList(submission.id, submission.documents)),
    )
    if (user.role === 'group_leader' && submission.group_id) {
      const status = groupStatus(submission.group_id)
      side.append(status.el)
      await status.refresh()
    }
    if (SCORES.some((a) => submission.allowed_actions.includes(a))) {
      const rubric = await api.get(`/api/submissions/${submission.id}/rubric`)
      side.append(rubricForm({ submission, rubric, onScored: build }))
    } else if (submission.item_grades?.basis === 'criteria') {
      const graded = await api.get(`/api/submissions/${submission.id}/rubric`).catch(() => null)
      if (graded?.graded) side.append(gradedRubric(graded))
    }
    // The province judges on its own panel (criteria, reasons); the other moves keep their buttons.
    const provincePanel = user.role === 'provincial_reviewer' ? await provinceReviewPanel(submission, { onDone: build }) : null
    if (provincePanel) side.append(provincePanel)
    const moves = moveButtons(submission, { onMoved: build, only: provincePanel ? ['forward', 'return'] : undefined })
    if (moves) side.append(h('section', { class: 'card' }, h('h2', {}, t('review.actions')), moves))
  }

  await build()
  return destroy
}
