// The group leader's grading form: a level per evidence item, an optional score (0 to the max) judged
// by the teacher's pass line (shown), the verdict and a comment. The verdict follows the items
// and the score as the server will check them; any disagreement comes back as listed reasons.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { LEVELS, levelLabel } from '../core/format.js'
import { errorLines, pick, t } from '../core/i18n.js'

function levelSelect(id, testid, { withEmpty = true } = {}) {
  return h(
    'select',
    { id, testid },
    withEmpty ? h('option', { value: '' }, t('rubric.choose')) : null,
    ...LEVELS.map((level) => h('option', { value: level }, levelLabel(level))),
  )
}

function combine(levels) {
  if (levels.includes('fail')) return 'fail'
  return levels.every((l) => l === 'excellent') ? 'excellent' : 'pass'
}

function criteria(item) {
  const lists = [
    ['excellent', item.excellent_criteria],
    ['pass', item.pass_criteria],
  ].filter(([, list]) => list && list.length)
  if (!lists.length) return null
  return h(
    'details',
    { class: 'criteria' },
    h('summary', {}, t('rubric.criteria')),
    ...lists.map(([level, list]) => h('div', {}, h('strong', {}, levelLabel(level)), h('ul', {}, ...list.map((c) => h('li', {}, c))))),
  )
}

export function rubricForm({ submission, rubric, onScored }) {
  const selects = rubric.items.map((item, n) => ({ item, select: levelSelect(`rubric-${n}`, `rubric-item-${item.key}`) }))
  const score = h('input', {
    id: 'score-value',
    type: 'number',
    min: '0',
    max: String(rubric.max_score),
    step: '0.5',
    inputmode: 'decimal',
    testid: 'score-value',
  })
  const verdict = levelSelect('score-verdict', 'score-verdict')
  const comment = h('textarea', { id: 'score-comment', rows: '3', testid: 'score-comment' })
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'score-submit' }, t('rubric.submit'))
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const hint = h('p', { class: 'muted' })

  const suggest = () => {
    const levels = selects.map((s) => s.select.value).filter(Boolean)
    const parts = []
    if (rubric.items_complete && levels.length === selects.length && levels.length) parts.push(combine(levels))
    if (score.value !== '') {
      const value = Number(score.value)
      parts.push(value >= rubric.excellent_line ? 'excellent' : value >= rubric.pass_line ? 'pass' : 'fail')
    }
    if (parts.length && parts.every((p) => p === parts[0])) verdict.value = parts[0]
    hint.textContent = parts.length > 1 && parts.some((p) => p !== parts[0]) ? t('rubric.disagree') : ''
  }
  for (const { select } of selects) select.addEventListener('change', suggest)
  score.addEventListener('input', suggest)

  const form = h(
    'form',
    {
      class: 'card rubric',
      onsubmit: async (event) => {
        event.preventDefault()
        problem.hidden = true
        if (!verdict.value) {
          problem.textContent = t('rubric.need_verdict')
          problem.hidden = false
          return
        }
        submit.disabled = true
        try {
          const body = {
            verdict: verdict.value,
            items: selects.filter((s) => s.select.value).map((s) => ({ item_key: s.item.key, level: s.select.value })),
            score: score.value === '' ? null : Number(score.value),
            comment: comment.value.trim() || null,
          }
          const out = await api.post(`/api/submissions/${submission.id}/score`, body)
          await onScored(out)
        } catch (err) {
          problem.replaceChildren(...errorLines(err).map((line) => h('div', {}, line)))
          problem.hidden = false
          submit.disabled = false
        }
      },
    },
    h('h2', {}, t('rubric.title')),
    h(
      'p',
      { class: 'pass-line', testid: 'pass-line' },
      t('rubric.pass_line', { line: rubric.pass_line, band: pick(rubric.band, 'label'), excellent: rubric.excellent_line }),
    ),
    rubric.items_complete ? null : h('p', { class: 'muted' }, t('rubric.direct')),
    ...selects.map(({ item, select }) =>
      h(
        'div',
        { class: 'field' },
        h('label', { for: select.id }, item.key, item.is_video ? ` (${t('rubric.video')})` : ''),
        item.description_zh && item.description_zh !== item.key ? h('p', { class: 'muted' }, item.description_zh) : null,
        select,
        criteria(item),
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'score-value' }, t('rubric.score', { max: rubric.max_score })), score),
    h('div', { class: 'field' }, h('label', { for: 'score-verdict' }, t('rubric.verdict')), verdict, hint),
    h('div', { class: 'field' }, h('label', { for: 'score-comment' }, t('rubric.comment')), comment),
    problem,
    h('div', { class: 'actions' }, submit),
  )
  return form
}
