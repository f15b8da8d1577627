// Pure helpers of the overall result (no DOM): message keys, the pass rate's text, counts in order.

// The results as the API names them, in the order people read the counts.
export const RESULT_ORDER = ['in_progress', 'pass', 'excellent', 'fail']

const RESULT_KEYS = {
  in_progress: 'result.in_progress',
  pass: 'result.pass',
  excellent: 'result.excellent',
  fail: 'result.fail',
}

const RULE_KEYS = {
  any_point: 'result.rule.any_point',
  all_points: 'result.rule.all_points',
  forwarded: 'result.rule.forwarded',
}

/** The message key of a result (in_progress | pass | excellent | fail). */
export function resultKey(result) {
  return RESULT_KEYS[result] || RESULT_KEYS.in_progress
}

/** The message key explaining the 优秀 rule in force, or null for a rule this UI does not know. */
export function ruleKey(rule) {
  return RULE_KEYS[rule] || null
}

/** "88.9%" from the API's one-decimal percent; null while nobody has a confirmed selection. */
export function passRateText(rate) {
  if (!rate || rate.percent === null || rate.percent === undefined) return null
  return `${Number(rate.percent).toFixed(1)}%`
}

/** [[result, n], …] in RESULT_ORDER, zero for a result the counts leave out. */
export function countsInOrder(counts) {
  return RESULT_ORDER.map((result) => [result, Number(counts?.[result] || 0)])
}

/** The lines under a result: what is still needed (in progress) or why it failed; none when settled. */
export function explanationKind(result) {
  if (result === 'in_progress') return 'result.still_needed'
  if (result === 'fail') return 'result.why_fail'
  return null
}
