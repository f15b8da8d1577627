// The review page's 省级评审 panel: optionally a level for each criterion of the rubric the
// leader graded with (the leader's level beside it, for the province to compare), then confirm
// or downgrade with the reason (POST /api/province/works/{id}/review). Once one criterion has a
// level, the server wants them all and checks them against that rubric version.
import { api } from '../core/api.js'
import { h } from '../core/dom.js'
import { levelLabel } from '../core/format.js'
import { t } from '../core/i18n.js'
import { criterionText, itemHeading, levelTable } from '../review/rubric_form.js'
import { groups } from '../review/rubric_verdict.js'
import { reviewActions } from './review_actions.js'

function levelSelect(criterion) {
  return h(
    'select',
    { id: `province-criterion-${criterion.key}`, testid: `province-criterion-${criterion.key}` },
    h('option', { value: '' }, t('rubric.choose')),
    ...criterion.levels.map((level) => h('option', { value: level }, levelLabel(level))),
  )
}

/** The panel for `submission` (GET /api/submissions/{id}) when the province may judge it, else null. */
export async function provinceReviewPanel(submission, { onDone }) {
  if (!['confirm', 'downgrade'].some((a) => submission.allowed_actions.includes(a))) return null
  const form = await api.get(`/api/submissions/${submission.id}/rubric`).catch(() => null)
  const criteria = form?.rubric?.criteria || []
  const given = form?.graded ? form.grade?.criteria || {} : {}
  const rows = criteria.map((criterion) => ({ criterion, select: levelSelect(criterion) }))
  const chosen = () => {
    const levels = rows.filter((r) => r.select.value).map((r) => ({ key: r.criterion.key, level: r.select.value }))
    // None chosen: a review without criteria. Some: sent as they are, and the server lists what is missing.
    return levels.length ? levels : undefined
  }
  const sections = groups(criteria).map((item) =>
    h(
      'fieldset',
      { class: 'criteria-group' },
      h('legend', {}, itemHeading(item, form.items || [])),
      ...rows
        .filter((r) => (r.criterion.item_key ?? null) === item)
        .map(({ criterion, select }) =>
          h(
            'div',
            { class: 'field criterion' },
            h('label', { for: select.id }, criterionText(criterion, 'title')),
            given[criterion.key] ? h('span', { class: 'muted' }, ' ', t('preview_panel.leader_gave', { level: levelLabel(given[criterion.key]) })) : null,
            levelTable(criterion),
            select,
          ),
        ),
    ),
  )
  return h(
    'section',
    { class: 'card province-review', testid: 'province-review' },
    h('h2', {}, t('preview_panel.title')),
    h('p', { class: 'muted' }, t('preview_panel.lead')),
    criteria.length ? h('details', { testid: 'province-criteria' }, h('summary', {}, t('preview_panel.criteria')), ...sections) : null,
    reviewActions(submission, { onDone, criteria: chosen }),
  )
}
