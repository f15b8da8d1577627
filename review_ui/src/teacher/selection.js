// Choosing the 微能力点 (as many as GET /api/rules says), with the rules explained while
// choosing: the server previews every violation of the choice in progress
// (GET …/selection/options?codes=…) and says for each point why it cannot be added. Save
// stores the draft; confirm fixes it.
// mode 'admin' is the school admin choosing for a teacher (after the deadline), or changing a
// confirmed choice: that change asks for a reason, and the saved change is itself confirmed.
import { api, query } from '../core/api.js'
import { fill, h } from '../core/dom.js'
import { errorLines, isEnglish, pick, reasonText, t } from '../core/i18n.js'
import { day, dayOf } from '../core/format.js'
import { currentRules } from '../core/rules.js'
import { dimensionName, environmentName, pointName } from './points.js'
import { selectionProgress } from './selection_progress.js'
import { droppedWithWork } from './selection_change.js'
import { stateLabel } from '../core/format.js'

const ENV_ZH = { multimedia: '多媒体教学环境', hybrid: '混合学习环境', smart: '智慧学习环境' }

export function selectionChooser({ teacherId, selection, points, onConfirmed, mode = 'teacher', teacherName = '' }) {
  const rulesNow = currentRules()
  const forTeacher = mode === 'admin'
  const changing = forTeacher && selection.status === 'confirmed'
  let chosen = [...selection.codes]
  let saved = [...selection.codes]
  let version = selection.version
  let preview = null
  let busy = false

  const rules = h('div', { class: 'rules', testid: 'selection-rules', 'aria-live': 'polite' })
  const grid = h('div', { class: 'point-grid', role: 'group', 'aria-label': t('selection.points_label') })
  const message = h('div', { class: 'notice', hidden: true })
  const save = h('button', { type: 'button', testid: 'selection-save' }, t('selection.save'))
  const confirm = h('button', { type: 'button', class: 'primary', testid: 'selection-confirm' }, t('selection.confirm'))
  const offered = [...points.values()].filter((p) => p.offered)
  const reason = h('textarea', { id: `selection-reason-${teacherId}`, rows: '2', testid: 'selection-reason' })
  const reasonBox = changing
    ? h('div', { class: 'field' }, h('label', { for: reason.id }, t('selection.reason_label')), reason)
    : null
  if (changing) confirm.hidden = true // an approved change is confirmed as it is saved
  // Confirming is final for the teacher: say so beside the button, not after the fact.
  const finalNote = changing ? null : h('p', { class: 'muted', testid: 'selection-final-note' }, t(forTeacher ? 'selection.final_note_for' : 'selection.final_note'))
  // Changing a confirmed choice: warn about dropped points that already hold the teacher's work.
  const dropWarning = h('ul', { class: 'notice warn', testid: 'selection-drop-warning', hidden: true })
  let work = []
  const loadWork = async () => {
    try {
      work = await api.get(`/api/submissions${query({ teacher_id: teacherId, limit: 200 })}`)
      renderRules()
    } catch {
      // no warning then; the server still refuses dropping a point under review
    }
  }
  if (changing) loadWork()

  const unsaved = () => chosen.slice().sort().join() !== saved.slice().sort().join()

  const say = (lines, kind) => {
    message.className = `notice ${kind}`
    message.setAttribute('role', kind === 'error' ? 'alert' : 'status')
    message.replaceChildren(...[].concat(lines).map((line) => h('div', {}, line)))
    message.hidden = false
  }

  const validNote = () => {
    if (changing) return unsaved() ? t('selection.valid_change') : t('selection.unchanged')
    if (unsaved()) return t('selection.valid_save')
    return forTeacher ? t('selection.valid_confirm_for') : t('selection.valid_confirm')
  }

  const renderRules = () => {
    const progress = selectionProgress(chosen, points, rulesNow)
    const names = progress.dimensions.map((d) => dimensionName([...points.values()].find((p) => p.dimension === d)))
    const lines = [
      t('selection.rule_count', { k: progress.count, n: progress.needed }),
      t('selection.rule_dimensions', { k: progress.dimensions.length, n: progress.minDimensions, names: names.join('、') || '—' }),
      t(forTeacher ? 'selection.rule_band_teacher' : 'selection.rule_band', { band: pick(selection.band, 'label') }),
    ]
    const band = preview?.band || selection.band
    if (band?.recommended_environments?.length) {
      const names = band.recommended_environments.map((env) => environmentName({ environment: env, environment_zh: ENV_ZH[env] }))
      lines.push(t('selection.recommended', { envs: names.join(isEnglish() ? ', ' : '、') }))
    }
    const advice = (preview?.advice || []).map(reasonText)
    const problems = (preview?.violations || []).map(reasonText)
    if (progress.missing) problems.push(t('selection.need_more', { n: progress.missing }))
    fill(
      rules,
      h('ul', { class: 'rule-list' }, ...lines.map((line) => h('li', {}, line))),
      problems.length
        ? h('ul', { class: 'rule-problems' }, ...problems.map((line) => h('li', { class: 'problem' }, line)))
        : h('p', { class: 'ok' }, validNote()),
      advice.length ? h('ul', { class: 'rule-advice', testid: 'selection-advice' }, ...advice.map((line) => h('li', { class: 'muted' }, line))) : null,
    )
    const current = preview && preview.codes.slice().sort().join() === chosen.slice().sort().join()
    const valid = progress.complete && current && !preview.violations.length
    save.disabled = busy || !unsaved()
    confirm.disabled = busy || unsaved() || !valid
    const drops = changing ? droppedWithWork(saved, chosen, work) : []
    dropWarning.replaceChildren(
      ...drops.map((d) => h('li', {}, t(d.blocked ? 'selection.drop_blocked' : 'selection.drop_draft', { code: d.code, states: d.states.map(stateLabel).join('、') }))),
    )
    dropWarning.hidden = !drops.length
  }

  const renderGrid = () => {
    const reasons = new Map((preview?.choices || []).map((c) => [c.code, c]))
    grid.replaceChildren(
      ...offered.map((point) => {
        const isChosen = chosen.includes(point.code)
        const choice = reasons.get(point.code)
        const blocked = !isChosen && choice && !choice.allowed
        return h(
          'button',
          {
            type: 'button',
            class: `point ${isChosen ? 'chosen' : ''} ${blocked ? 'blocked' : ''}`,
            testid: `point-option-${point.code}`,
            'aria-pressed': isChosen ? 'true' : 'false',
            disabled: busy || blocked,
            onclick: () => toggle(point.code),
          },
          h('span', { class: 'point-code' }, point.code),
          h('span', { class: 'point-name' }, pointName(point)),
          h('span', { class: 'point-meta' }, `${dimensionName(point)} · ${environmentName(point)}`),
          choice?.recommended && !blocked ? h('span', { class: 'badge recommended', testid: `point-recommended-${point.code}` }, t('selection.recommended_badge')) : null,
          blocked ? h('span', { class: 'point-why' }, choice.reasons.map(reasonText).join(' ')) : null,
        )
      }),
    )
  }

  let asked = 0
  const refresh = async () => {
    const ticket = ++asked
    try {
      const out = await api.get(`/api/teachers/${teacherId}/selection/options${query({ codes: chosen })}`)
      if (ticket !== asked) return // a later choice is already being previewed
      preview = out
    } catch (err) {
      say(errorLines(err), 'error')
    }
    renderGrid()
    renderRules()
  }

  const toggle = (code) => {
    chosen = chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]
    message.hidden = true
    renderGrid()
    renderRules()
    refresh()
  }

  const act = async (work) => {
    busy = true
    renderRules()
    renderGrid()
    try {
      await work()
    } catch (err) {
      say(errorLines(err), 'error')
    } finally {
      busy = false
      renderRules()
      renderGrid()
    }
  }

  save.addEventListener('click', () =>
    act(async () => {
      const body = { codes: chosen, version }
      if (changing) body.approval_reason = reason.value.trim()
      const out = await api.put(`/api/teachers/${teacherId}/selection`, body)
      version = out.version
      saved = [...out.codes]
      if (changing) return onConfirmed(out)
      say(t('selection.saved'), 'info')
    }),
  )
  confirm.addEventListener('click', () =>
    act(async () => {
      const out = await api.post(`/api/teachers/${teacherId}/selection/confirm`, { version })
      onConfirmed(out)
    }),
  )

  const el = h(
    'section',
    { class: 'card selection' },
    h('h2', {}, forTeacher ? t('selection.title_for', { name: teacherName }) : t('selection.title')),
    h('p', { class: 'lead', testid: 'selection-lead' }, t('selection.lead', { n: rulesNow.selection.points_per_teacher, d: rulesNow.selection.min_dimensions })),
    h('p', { class: 'muted' }, t('selection.window', { from: day(selection.opens_on), to: day(selection.closes_on) })),
    changing ? h('p', { class: 'notice info' }, t('selection.change_lead')) : null,
    rules,
    grid,
    dropWarning,
    reasonBox,
    message,
    h('div', { class: 'actions' }, save, confirm),
    finalNote,
  )
  refresh()
  return el
}

/** The confirmed choice, shown as one chip per point. */
export function confirmedSelection({ selection, points }) {
  return h(
    'section',
    { class: 'card selection confirmed', testid: 'selection-confirmed' },
    h('h2', {}, t('selection.title')),
    h('p', { class: 'muted' }, t('selection.confirmed_on', { date: dayOf(selection.confirmed_at) })),
    h(
      'ul',
      { class: 'chips' },
      ...selection.codes.map((code) => h('li', { class: 'chip', testid: `confirmed-point-${code}` }, `${code} ${pointName(points.get(code))}`)),
    ),
  )
}
