// The verdict a rubric's criterion levels give, and why, as the server derives it
// (domain/rubric_grading.py): an item is 优秀 only if every one of its criteria is, 不合格 if any
// is, else 合格; the point combines its items the same way (考核规范 使用说明). Shown live
// in the grading form so the leader sees the verdict before submitting; the server re-checks.
import { t } from '../core/i18n.js'
import { levelLabel } from '../core/format.js'

const ORDER = ['excellent', 'pass', 'fail']

/** 优秀 only if every level is 优秀; 不合格 if any is 不合格; otherwise 合格. */
export function combine(levels) {
  if (levels.includes('fail')) return 'fail'
  return levels.every((l) => l === 'excellent') ? 'excellent' : 'pass'
}

/** The evidence items the criteria belong to, in order (null: the whole point). */
export function groups(criteria) {
  return [...new Set(criteria.map((c) => c.item_key ?? null))]
}

/**
 * { complete, items: [{ item, levels, level }], level } from `levels` (criterion key → level).
 * `complete` is false while some criterion has no level; then there is no point level yet.
 */
export function derive(criteria, levels) {
  const complete = criteria.length > 0 && criteria.every((c) => levels[c.key])
  if (!complete) return { complete, items: [], level: null }
  const items = groups(criteria).map((item) => {
    const own = criteria.filter((c) => (c.item_key ?? null) === item).map((c) => levels[c.key])
    return { item, levels: own, level: combine(own) }
  })
  return { complete, items, level: combine(items.map((i) => i.level)) }
}

/** "3 项优秀、1 项合格" / "3 excellent, 1 pass", best level first. */
export function counts(levels) {
  const parts = ORDER.filter((l) => levels.includes(l)).map((l) =>
    t('rubric_form.count', { n: levels.filter((x) => x === l).length, level: levelLabel(l) }),
  )
  return parts.join(t('rubric_form.count_sep'))
}

/** The lines that say why: per item when there are several, then the point with the rule. */
export function explain(derived) {
  if (!derived.level) return []
  const lines = []
  let parts = derived.items.map((i) => i.level)
  let total = 'rubric_form.why_point_items'
  if (derived.items.length > 1) {
    for (const item of derived.items) {
      lines.push(
        t('rubric_form.why_item', {
          item: item.item ?? t('rubric_form.whole_point'),
          total: item.levels.length,
          counts: counts(item.levels),
          level: levelLabel(item.level),
        }),
      )
    }
  } else {
    parts = derived.items[0].levels
    total = 'rubric_form.why_point_criteria'
  }
  lines.push(
    t(total, {
      total: parts.length,
      counts: counts(parts),
      level: levelLabel(derived.level),
      rule: t(`rubric_form.rule_${derived.level}`),
    }),
  )
  return lines
}

/** The level a score reaches by the teacher's lines (以上 includes the number), or null. */
export function scoreLevel(score, { pass_line: pass, excellent_line: excellent }) {
  if (score === null || score === undefined || score === '' || Number.isNaN(Number(score))) return null
  const value = Number(score)
  return value >= excellent ? 'excellent' : value >= pass ? 'pass' : 'fail'
}
