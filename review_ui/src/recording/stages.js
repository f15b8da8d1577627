// A recording's processing stages, live: probe, then analysis and transcoding side by side.
// The server's event stream (GET /api/recordings/{id}/events) sends each stage change and an
// `end` once every stage is done or failed; the stream is closed then, or when the page goes.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, reasonText, t } from '../core/i18n.js'

export const STAGES = ['probe', 'analyze', 'transcode']
// Shown only once it exists: identifying a session again from its stored faces after a photo changed.
const ON_DEMAND = ['identify']
const SHOWN = [...STAGES, ...ON_DEMAND]

function stageItem(name) {
  const state = h('span', { class: 'stage-state' })
  const reason = h('div', { class: 'stage-reason' })
  const retry = h('button', { type: 'button', class: 'link-button', hidden: true }, t('stage.retry'))
  const el = h('li', { class: 'stage', testid: `stage-${name}` }, h('span', { class: 'stage-name' }, t(`stage.${name}`)), state, retry, reason)
  return {
    el,
    retry,
    set(stage) {
      el.hidden = ON_DEMAND.includes(name) && !stage
      const value = stage?.state || 'queued'
      el.dataset.state = value
      el.className = `stage ${value}`
      const percent = value === 'running' && stage?.percent ? ` ${Math.floor(stage.percent)}%` : ''
      state.textContent = (stage ? t(`stage_state.${value}`) : t('stage_state.waiting')) + percent
      reason.textContent = stage?.reason ? reasonText(stage.reason) : ''
      retry.hidden = value !== 'failed'
    },
  }
}

/** Rule outcomes (duration, faces, participants…) that did not pass, in the current language. */
export function failedChecks(recording) {
  return Object.entries(recording?.checks || {})
    .filter(([, check]) => check && check.ok === false)
    .map(([name, check]) => ({ name, text: reasonText(check) }))
}

// Warnings with a line of their own: a re-used recording (the server sends it to the leader, the
// school and the province only). Unknown faces already have their row in a session's facts.
const NOTED_WARNINGS = ['duplicate']

/** Warnings worth reading before judging the recording, in the current language. */
export function notedWarnings(recording) {
  return NOTED_WARNINGS.map((name) => [name, recording?.checks?.[name]])
    .filter(([, check]) => check && check.level === 'warn')
    .map(([name, check]) => ({ name, check, text: reasonText(check) }))
}

/** One line per noted warning, e.g. which earlier recording this one repeats; null when none. */
export function warningNotes(recording) {
  const warnings = notedWarnings(recording)
  if (!warnings.length) return null
  return h(
    'ul',
    { class: 'checks warnings' },
    ...warnings.map((w) =>
      h('li', { class: 'check warn', testid: `check-${w.name}`, dataset: { other: w.check.other_recording_id || '' } }, h('strong', {}, t(`check.${w.name}`)), ' ', w.text),
    ),
  )
}

/**
 * The stage list of `recording`, kept live while it is processing.
 * onSettled(recording) runs with the fresh recording once every stage has finished; onStage(stage)
 * with each stage change as it arrives (the probe's end tells the duration).
 */
export function liveStages(recording, { onSettled, onStage } = {}) {
  const items = Object.fromEntries(SHOWN.map((name) => [name, stageItem(name)]))
  const checks = h('ul', { class: 'checks' })
  const warnings = h('div', { class: 'check-warnings' })
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const el = h('div', { class: 'stages-box' }, h('ul', { class: 'stages' }, ...SHOWN.map((n) => items[n].el)), checks, warnings, problem)
  let source = null

  const showRecording = (rec) => {
    const byName = Object.fromEntries((rec.stages || []).map((s) => [s.stage, s]))
    for (const name of SHOWN) items[name].set(byName[name])
    checks.replaceChildren(...failedChecks(rec).map((c) => h('li', { class: 'check failed' }, c.text)))
    const notes = warningNotes(rec)
    warnings.replaceChildren(...(notes ? [notes] : []))
    el.dataset.status = rec.status
  }

  const refresh = async () => {
    const fresh = await api.get(`/api/recordings/${recording.id}`)
    showRecording(fresh)
    return fresh
  }

  const close = () => {
    source?.close()
    source = null
  }

  const listen = () => {
    close()
    source = new EventSource(`/api/recordings/${recording.id}/events`)
    source.addEventListener('stage', (event) => {
      const stage = JSON.parse(event.data)
      items[stage.stage]?.set(stage)
      onStage?.(stage)
    })
    source.addEventListener('end', async () => {
      close()
      const fresh = await refresh()
      onSettled?.(fresh)
    })
  }

  for (const name of SHOWN) {
    items[name].retry.addEventListener('click', async () => {
      problem.hidden = true
      try {
        showRecording(await api.post(`/api/recordings/${recording.id}/stages/${name}/retry`))
        listen()
      } catch (err) {
        problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
        problem.hidden = false
      }
    })
  }

  showRecording(recording)
  if (recording.status === 'processing') listen()
  return { el, destroy: close }
}
