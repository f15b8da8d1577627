// The group leader's grading form: every criterion of the point's rubric with its 优秀 / 合格 /
// 不合格 descriptions and a level to choose, the verdict those levels give and why (live, before
// submitting), an optional score (0 to the max) judged by the teacher's pass line (shown), the
// verdict and a comment. The server checks the same rule (domain/rubric_grading.py); any
// disagreement comes back as listed reasons.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { LEVELS, levelLabel } from '../core/format.js'
import { errorLines, isEnglish, pick, t } from '../core/i18n.js'
import { derive, explain, groups, scoreLevel } from './rubric_verdict.js'
import { showUntilFixed, stopWatching } from '../core/problem_box.js'

/** The criterion's text in the current language (English where the rubric has it). */
export function criterionText(criterion, field) {
  return (isEnglish() && criterion[`${field}_en`]) || criterion[`${field}_zh`] || ''
}

function levelSelect(id, testid, levels) {
  return h(
    'select',
    { id, testid },
    h('option', { value: '' }, t('rubric.choose')),
    ...levels.map((level) => h('option', { value: level }, levelLabel(level))),
  )
}

/** The three level descriptions of one criterion, as the spec's checklist table reads. */
export function levelTable(criterion) {
  const rows = LEVELS.map((level) => [level, level === 'fail' && criterion.excellent_only ? t('rubric_form.excellent_only') : criterionText(criterion, level)])
  return h(
    'dl',
    { class: 'criterion-levels' },
    ...rows.flatMap(([level, text]) => [h('dt', { class: `level-${level}` }, levelLabel(level)), h('dd', {}, text)]),
  )
}

export function itemHeading(item, items) {
  if (item === null) return t('rubric_form.whole_point')
  const known = items.find((i) => i.key === item)
  return known?.is_video ? `${item}（${t('rubric.video')}）` : item
}

export function versionLine(rubric) {
  return rubric.is_seed ? t('rubric_form.version_seed') : t('rubric_form.version', { version: rubric.version })
}

export function rubricForm({ submission, rubric: form, onScored }) {
  const { rubric } = form
  const rows = rubric.criteria.map((criterion) => ({
    criterion,
    select: levelSelect(`criterion-${criterion.key}`, `rubric-criterion-${criterion.key}`, criterion.levels),
  }))
  const score = h('input', {
    id: 'score-value',
    type: 'number',
    min: '0',
    max: String(form.max_score),
    step: '0.5',
    inputmode: 'decimal',
    testid: 'score-value',
  })
  const verdict = h(
    'select',
    { id: 'score-verdict', testid: 'score-verdict' },
    h('option', { value: '' }, t('rubric.choose')),
    ...LEVELS.map((level) => h('option', { value: level }, levelLabel(level))),
  )
  const comment = h('textarea', { id: 'score-comment', rows: '3', testid: 'score-comment' })
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'score-submit' }, t('rubric.submit'))
  const problem = h('div', { class: 'notice error', role: 'alert', hidden: true })
  const hint = h('p', { class: 'muted' })
  const derivedBox = h('div', { class: 'notice info derived', testid: 'derived-verdict', 'aria-live': 'polite' })

  const levels = () => Object.fromEntries(rows.filter((r) => r.select.value).map((r) => [r.criterion.key, r.select.value]))

  const update = () => {
    const derived = derive(rubric.criteria, levels())
    const byScore = scoreLevel(score.value, form)
    derivedBox.dataset.level = derived.level || ''
    if (derived.level) {
      derivedBox.replaceChildren(
        h('strong', {}, t('rubric_form.derived', { level: levelLabel(derived.level) })),
        h('ul', { testid: 'derived-why' }, ...explain(derived).map((line) => h('li', {}, line))),
      )
    } else {
      const missing = rubric.criteria.length - Object.keys(levels()).length
      derivedBox.replaceChildren(h('span', {}, t('rubric_form.derived_pending', { n: missing })))
    }
    if (byScore) derivedBox.append(h('p', { testid: 'score-gives' }, t('rubric_form.score_gives', { score: score.value, level: levelLabel(byScore) })))
    const parts = [derived.level, byScore].filter(Boolean)
    if (parts.length && parts.every((p) => p === parts[0])) verdict.value = parts[0]
    hint.textContent = parts.length > 1 && parts[0] !== parts[1] ? t('rubric.disagree') : ''
  }
  for (const { select } of rows) select.addEventListener('change', update)
  score.addEventListener('input', update)

  const allExcellent = h(
    'button',
    {
      type: 'button',
      testid: 'criteria-all-excellent',
      onclick: () => {
        for (const { select } of rows) select.value = 'excellent'
        update()
      },
    },
    t('rubric_form.all_excellent'),
  )

  const groupSections = groups(rubric.criteria).map((item) =>
    h(
      'fieldset',
      { class: 'criteria-group', testid: `criteria-group-${item ?? 'point'}` },
      h('legend', {}, itemHeading(item, form.items)),
      ...rows
        .filter((r) => (r.criterion.item_key ?? null) === item)
        .map(({ criterion, select }) =>
          h(
            'div',
            { class: 'field criterion', testid: `criterion-${criterion.key}` },
            h('label', { for: select.id }, criterionText(criterion, 'title')),
            levelTable(criterion),
            select,
          ),
        ),
    ),
  )

  const form_ = h(
    'form',
    {
      class: 'card rubric',
      testid: 'rubric-form',
      onsubmit: async (event) => {
        event.preventDefault()
        stopWatching(problem)
        problem.hidden = true
        if (!verdict.value) {
          // the criteria and the score can fill the verdict in too (update), so they count as fixes
          const inputs = [verdict, score, ...rows.map((r) => r.select)]
          showUntilFixed(problem, t('rubric.need_verdict'), { inputs, fixed: () => verdict.value !== '' })
          return
        }
        submit.disabled = true
        try {
          const body = {
            verdict: verdict.value,
            criteria: Object.entries(levels()).map(([key, level]) => ({ key, level })),
            rubric_version: rubric.version,
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
    h('p', { class: 'muted', testid: 'rubric-version', 'data-version': String(rubric.version) }, versionLine(rubric)),
    h('p', { class: 'muted' }, t('rubric_form.lead')),
    h(
      'p',
      { class: 'pass-line', testid: 'pass-line' },
      t('rubric.pass_line', { line: form.pass_line, band: pick(form.band, 'label'), excellent: form.excellent_line }),
    ),
    h('div', { class: 'actions' }, allExcellent),
    ...groupSections,
    derivedBox,
    h('div', { class: 'field' }, h('label', { for: 'score-value' }, t('rubric.score', { max: form.max_score })), score),
    h('div', { class: 'field' }, h('label', { for: 'score-verdict' }, t('rubric.verdict')), verdict, hint),
    h('div', { class: 'field' }, h('label', { for: 'score-comment' }, t('rubric.comment')), comment),
    problem,
    h('div', { class: 'actions' }, submit),
  )
  update()
  return form_
}
