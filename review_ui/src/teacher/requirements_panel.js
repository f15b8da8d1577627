// The requirements part of a teacher's point card: each evidence item the point asks for (video or
// document, its limits, its formats) with a tick or what is wrong, shown before anything is
// uploaded; and the 提交 button, disabled with the missing items listed while any remain.
import { h } from '../core/dom.js'
import { reasonText, t } from '../core/i18n.js'
import { blockers, canSubmit, durationLimit, extraDescription, formatsLabel, sizeCapMb, submitLabelKey } from './requirements_state.js'

const STATE_LABELS = {
  satisfied: () => t('requirements.satisfied'),
  missing: () => t('requirements.missing'),
  pending: () => t('requirements.pending'),
  violating: () => t('requirements.violating'),
}

function amountText(value) {
  return value.unit === 'min' ? t('requirements.unit_min', { n: value.n }) : t('requirements.unit_s', { n: value.n })
}

function limitText(item) {
  const limit = durationLimit(item)
  if (!limit) return t('requirements.any_length')
  const vars = { lo: limit.lo ? amountText(limit.lo) : '', hi: limit.hi ? amountText(limit.hi) : '' }
  if (limit.kind === 'at_most') return t('requirements.at_most', vars)
  if (limit.kind === 'at_least') return t('requirements.at_least', vars)
  return t('requirements.between', vars)
}

/** "不超过 5 分钟 · 格式不限" for a video, "格式不限" / "格式：pdf · 不超过 2.0 MB" for a document. */
function detailsText(item) {
  const formats = formatsLabel(item)
  const size = sizeCapMb(item)
  return [
    item.kind === 'video' ? limitText(item) : null,
    formats ? t('requirements.formats', { formats }) : t('requirements.any_format'),
    size ? t('requirements.max_size', { mb: size }) : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

function itemRow(item) {
  const state = item.state || 'missing'
  const description = extraDescription(item)
  return h(
    'li',
    { class: `requirement req-${state}`, testid: `requirement-${item.key}`, dataset: { state, kind: item.kind } },
    h('strong', {}, t('requirements.item', { kind: item.kind === 'video' ? t('requirements.video') : t('requirements.document'), name: item.key })),
    ' ',
    h('span', { class: 'muted' }, detailsText(item)),
    ' ',
    h('span', { class: 'requirement-state' }, STATE_LABELS[state]?.() || state),
    // A missing item's state says it all; what is wrong with one handed in needs its reason.
    item.reason && state !== 'missing' ? h('div', { class: 'requirement-reason', testid: 'requirement-reason' }, reasonText(item.reason)) : null,
    description ? h('div', { class: 'muted small' }, description) : null,
  )
}

/** The list of `requirements` (cardRequirements' answer); null when the server sent none. */
export function requirementsPanel(requirements) {
  if (!requirements) return null
  return h(
    'section',
    { class: 'rules requirements', testid: 'requirements', dataset: { met: String(Boolean(requirements.met)) } },
    h('h4', {}, t('requirements.title')),
    requirements.note ? h('p', { class: 'notice info', testid: 'requirements-note' }, reasonText(requirements.note)) : null,
    h('ul', {}, ...requirements.items.map(itemRow)),
    requirements.asks_video === false ? h('p', { class: 'muted', testid: 'requirements-no-video' }, t('requirements.no_video')) : null,
  )
}

/**
 * The 提交 / 重新提交 button for `move`, disabled with what is still missing while the
 * requirements are not met; onSubmit() runs on a click (the server still checks everything).
 */
export function submitArea({ requirements, move, onSubmit, grader = 'group_leader' }) {
  const ready = canSubmit(requirements)
  const button = h('button', { type: 'button', class: 'primary', testid: 'submission-submit', disabled: !ready }, t(submitLabelKey(move, grader)))
  button.addEventListener('click', async () => {
    button.disabled = true
    const ok = await onSubmit()
    if (!ok) button.disabled = false
  })
  const missing = ready
    ? null
    : h(
        'div',
        { class: 'notice warn', testid: 'submission-blockers' },
        t('requirements.blocked'),
        h('ul', {}, ...blockers(requirements).map((item) => h('li', {}, item.reason ? reasonText(item.reason) : t('requirements.item', { kind: item.key, name: STATE_LABELS[item.state || 'missing']() })))),
      )
  return h('div', { class: 'actions' }, button, missing)
}
