// Graded work shows the rubric it was graded under (GET /api/submissions/{id}/rubric with
// graded: true): its version, each criterion's given level beside its descriptions, and why the
// verdict followed, even after the school admin has edited the rubric since.
import { h } from '../core/dom.js'
import { levelLabel } from '../core/format.js'
import { isEnglish, t } from '../core/i18n.js'
import { groups } from './rubric_verdict.js'
import { criterionText, itemHeading, levelTable } from './rubric_form.js'

export function gradedRubric(form) {
  const { rubric, grade } = form
  return h(
    'section',
    { class: 'card rubric graded', testid: 'graded-rubric', 'data-version': String(rubric.version) },
    h('h2', {}, t('rubric_form.graded_title')),
    h('p', { class: 'muted', testid: 'graded-version' }, t('rubric_form.graded_version', { version: rubric.version })),
    h('ul', { testid: 'graded-why' }, ...grade.explanation.map((line) => h('li', {}, isEnglish() ? line.en : line.zh))),
    ...groups(rubric.criteria).map((item) =>
      h(
        'fieldset',
        { class: 'criteria-group' },
        h('legend', {}, itemHeading(item, form.items)),
        ...rubric.criteria
          .filter((c) => (c.item_key ?? null) === item)
          .map((c) =>
            h(
              'div',
              { class: 'field criterion', testid: `graded-criterion-${c.key}` },
              h('strong', {}, criterionText(c, 'title')),
              ' ',
              h('span', { class: `badge level-${grade.criteria[c.key]}` }, t('rubric_form.given', { level: levelLabel(grade.criteria[c.key]) })),
              levelTable(c),
            ),
          ),
      ),
    ),
  )
}
