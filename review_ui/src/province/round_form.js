// The 抽检 form: a rate (%) or a count, the seed (a fresh one filled in, editable), uniform or
// risk-weighted; 预览 shows what that seed draws now and each stratum's share (nothing changes),
// 抽取 asks first and then shows the stored round (POST /api/province/rounds[/preview]).
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { errorLines, t } from '../core/i18n.js'
import { zonedDay } from '../core/people_time.js'
import { showUntilFixed, stopWatching } from '../core/problem_box.js'
import { freshSeed, roundBody, stratumValues } from './desk_state.js'

function radio(name, value, label, testid, checked) {
  const input = h('input', { type: 'radio', name, value, id: `${name}-${value}`, testid, checked })
  return { input, el: h('label', { class: 'check', for: input.id }, input, ' ', label) }
}

function strataList(round) {
  return h('ul', { class: 'strata' }, ...round.strata.map((s) => h('li', {}, t('round.stratum', stratumValues(s)))))
}

/** The drawn works by name (teacher, school, subject, point), each carrying data-submission. */
function drawnList(round) {
  const named = new Map((round.drawn_works || []).map((w) => [w.id, w]))
  const label = (id) => {
    const w = named.get(id)
    return w ? t('round.drawn_work', { teacher: w.teacher_name, school: w.school_name, subject: w.subject, point: w.capability_code }) : `#${id}`
  }
  return h('ul', { class: 'drawn-works' }, ...round.drawn.map((id) => h('li', { dataset: { submission: String(id) } }, label(id))))
}

export function roundForm({ onDrawn = async () => {} } = {}) {
  const today = () => zonedDay(new Date().toISOString())
  const byPercent = radio('round-mode', 'percent', t('round.mode_percent'), 'round-mode-percent', true)
  const byCount = radio('round-mode', 'count', t('round.mode_count'), 'round-mode-count', false)
  const percent = h('input', { id: 'round-percent', type: 'number', min: '0', max: '100', step: 'any', placeholder: t('round.percent_default'), testid: 'round-percent' })
  const count = h('input', { id: 'round-count', type: 'number', min: '0', step: '1', value: '', testid: 'round-count' })
  const seed = h('input', { id: 'round-seed', type: 'text', maxlength: '200', value: freshSeed(today()), testid: 'round-seed', autocomplete: 'off' })
  const weighting = h(
    'select',
    { id: 'round-weighting', testid: 'round-weighting' },
    h('option', { value: 'uniform' }, t('round.uniform')),
    h('option', { value: 'risk' }, t('round.risk')),
  )
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const previewBox = h('div', { class: 'round-result', testid: 'round-preview-result', 'aria-live': 'polite', hidden: true })
  const confirmBox = h('div', { class: 'round-result' })
  const result = h('div', { class: 'round-result', testid: 'round-result', 'aria-live': 'polite' })
  const preview = h('button', { type: 'button', testid: 'round-preview' }, t('round.preview'))
  const draw = h('button', { type: 'button', class: 'primary', testid: 'round-draw' }, t('round.draw'))
  const newSeed = h('button', { type: 'button', class: 'link-button', testid: 'round-new-seed' }, t('round.new_seed'))
  const percentField = h('div', { class: 'field' }, h('label', { for: 'round-percent' }, t('round.percent')), percent)
  const countField = h('div', { class: 'field', hidden: true }, h('label', { for: 'round-count' }, t('round.count')), count)

  const syncMode = () => {
    percentField.hidden = !byPercent.input.checked
    countField.hidden = byPercent.input.checked
  }
  byPercent.input.addEventListener('change', syncMode)
  byCount.input.addEventListener('change', syncMode)
  newSeed.addEventListener('click', () => (seed.value = freshSeed(today())))

  const body = (seedRequired) =>
    roundBody(
      { mode: byCount.input.checked ? 'count' : 'percent', percent: percent.value, count: count.value, seed: seed.value, weighting: weighting.value },
      { seedRequired },
    )
  const refuse = (key) => showUntilFixed(problem, t(key), { inputs: [percent, count, seed, byPercent.input, byCount.input], fixed: () => !body(true).problem })
  const failed = (err) => {
    problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
    problem.hidden = false
  }
  const ask = async (button, path, json) => {
    stopWatching(problem)
    problem.hidden = true
    button.disabled = true
    try {
      return await api.post(path, json)
    } catch (err) {
      failed(err)
      return null
    } finally {
      button.disabled = false
    }
  }

  preview.addEventListener('click', async () => {
    const { body: json, problem: missing } = body(true)
    if (missing) return refuse(missing)
    const out = await ask(preview, '/api/province/rounds/preview', json)
    if (!out) return
    previewBox.replaceChildren(
      h('p', {}, t('round.previewed', { seed: out.seed, candidates: out.candidates, drawn: out.drawn.length })),
      strataList(out),
      drawnList(out),
    )
    previewBox.hidden = false
  })

  draw.addEventListener('click', async () => {
    const { body: json, problem: missing } = body(true)
    if (missing) return refuse(missing)
    // Ask with what this seed would draw, so the confirmation names the numbers.
    const planned = await ask(draw, '/api/province/rounds/preview', json)
    if (!planned) return
    const yes = h('button', { type: 'button', class: 'primary', testid: 'round-confirm' }, t('round.confirm_yes'))
    const no = h('button', { type: 'button', testid: 'round-cancel' }, t('pdesk.cancel'))
    const box = h(
      'div',
      { class: 'notice info', testid: 'round-confirm-box' },
      h('p', {}, t('round.confirm_draw', { candidates: planned.candidates, drawn: planned.drawn.length })),
      strataList(planned),
      h('div', { class: 'actions' }, no, yes),
    )
    no.addEventListener('click', () => confirmBox.replaceChildren())
    yes.addEventListener('click', async () => {
      const out = await ask(yes, '/api/province/rounds', json)
      if (!out) return
      confirmBox.replaceChildren()
      previewBox.hidden = true
      result.dataset.roundId = String(out.id)
      result.replaceChildren(
        h('p', { testid: 'round-drawn' }, t('round.drawn', { id: out.id, seed: out.seed, candidates: out.candidates, drawn: out.drawn.length })),
        strataList(out),
        drawnList(out),
      )
      seed.value = freshSeed(today())
      await onDrawn(out)
    })
    confirmBox.replaceChildren(box)
  })

  const el = h(
    'section',
    { class: 'card round-form', testid: 'round-form' },
    h('h2', {}, t('round.title')),
    h('p', { class: 'muted' }, t('round.lead')),
    h('fieldset', { class: 'pdesk-checks' }, h('legend', {}, t('round.mode')), byPercent.el, byCount.el),
    percentField,
    countField,
    h('div', { class: 'field' }, h('label', { for: 'round-seed' }, t('round.seed')), seed, ' ', newSeed),
    h('div', { class: 'field' }, h('label', { for: 'round-weighting' }, t('round.weighting')), weighting, h('p', { class: 'muted' }, t('round.risk_hint'))),
    problem,
    h('div', { class: 'actions' }, preview, draw),
    previewBox,
    confirmBox,
    result,
  )
  return { el }
}
