// A group-session recording's evidence: duration and effective duration (padding removed),
// and for each listed participant the best face crop and when they were first seen; people
// never seen are highlighted, as are failed checks. People on camera who match nobody on the
// list are shown too, each with their best crop, so the leader can see who they are.
import { h } from '../core/dom.js'
import { clock, dateTime, minutes } from '../core/format.js'
import { t } from '../core/i18n.js'
import { liveStages } from '../recording/stages.js'

/** Whether the analysis could not check `teacherId` for want of a reference photo. */
function lacksReference(recording, teacherId) {
  const check = recording.checks?.participants
  return check?.code === 'analysis.no_reference' && (check.missing || []).includes(teacherId)
}

function participantRow(recording, person, names) {
  const seen = Boolean(person.seen)
  const name = person.name && !/^\d+$/.test(person.name) ? person.name : names.get(person.teacher_id) || `#${person.teacher_id}`
  return h(
    'li',
    { class: `participant ${seen ? 'seen' : 'missing'}`, testid: `participant-evidence-${person.teacher_id}`, dataset: { seen: String(seen) } },
    seen && person.evidence_key
      ? h('img', { src: `/api/recordings/${recording.id}/evidence/${person.teacher_id}`, alt: t('analysis.crop_alt', { name }), loading: 'lazy', width: '64', height: '64' })
      : h('span', { class: 'no-crop', 'aria-hidden': 'true' }, '?'),
    h(
      'span',
      { class: 'person' },
      h('strong', {}, name),
      h(
        'span',
        {},
        seen
          ? t('analysis.first_seen', { at: clock(person.first_seen_s), share: Math.round((person.seen_fraction || 0) * 100) })
          : person.has_reference === false || lacksReference(recording, person.teacher_id)
            ? t('analysis.no_reference')
            : t('analysis.not_seen'),
      ),
    ),
  )
}

function unknownRow(recording, person, index) {
  return h(
    'li',
    { class: 'participant unknown', testid: `unknown-person-${index}` },
    person.evidence_key
      ? h('img', { src: `/api/recordings/${recording.id}/unknown/${index}`, alt: t('analysis.unknown_alt', { n: index + 1 }), loading: 'lazy', width: '64', height: '64' })
      : h('span', { class: 'no-crop', 'aria-hidden': 'true' }, '?'),
    h(
      'span',
      { class: 'person' },
      h('strong', {}, t('analysis.unknown_person', { n: index + 1 })),
      h('span', {}, t('analysis.first_seen', { at: clock(person.first_seen_s), share: Math.round((person.seen_fraction || 0) * 100) })),
    ),
  )
}

export function sessionCard(recording, names, { onSettled }) {
  const stages = liveStages(recording, { onSettled })
  const analysis = recording.analysis
  const el = h(
    'article',
    { class: 'card session', testid: `session-${recording.id}` },
    h('header', { class: 'card-head' }, h('h3', {}, recording.original_filename), h('span', { class: 'muted' }, dateTime(recording.created_at))),
    stages.el,
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
        h('dd', {}, String(analysis.unknown_faces ?? 0)),
      ),
      h('ul', { class: 'participants' }, ...(analysis.participants || []).map((p) => participantRow(recording, p, names))),
    )
    if ((analysis.unknown || []).length) {
      el.append(h('ul', { class: 'participants unknown-people', 'aria-label': t('analysis.unknown_faces') }, ...analysis.unknown.map((p, i) => unknownRow(recording, p, i))))
    }
  } else if (recording.duration_s) {
    el.append(h('dl', { class: 'facts' }, h('dt', {}, t('analysis.duration')), h('dd', { testid: 'analysis-duration' }, minutes(recording.duration_s))))
  }
  return { el, destroy: stages.destroy }
}
