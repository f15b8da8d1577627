// A point's evidence requirements as the teacher's card reads them, without the DOM: which items
// to list and in what state, whether to offer a video upload, and what still blocks 提交. The
// server sends the items (GET /api/catalogue/points before any work, each submission's own with
// their state after); these helpers only read them, the server still refuses.

/** An item's state before any work exists: everything is still to hand in. */
const NOTHING_YET = 'missing'

/**
 * The requirements to show on the card of `point`: the submission's (each item's state from the
 * server) or, before the first upload, the point's own list with every item still missing.
 */
export function cardRequirements(point, submission) {
  if (submission?.requirements) return submission.requirements
  const listed = point?.requirements
  if (!listed) return null
  return { ...listed, met: false, items: listed.items.map((item) => ({ ...item, state: NOTHING_YET, reason: null })) }
}

/** Whether the card offers a recording upload: only when the point asks for a video (unknown: yes). */
export function asksVideo(requirements) {
  return requirements ? requirements.asks_video !== false : true
}

/** The items that still block 提交, in catalogue order. */
export function blockers(requirements) {
  return (requirements?.items || []).filter((item) => item.state !== 'satisfied')
}

/** Whether 提交 may be offered enabled: every item satisfied (no list sent: the server decides). */
export function canSubmit(requirements) {
  if (!requirements) return true
  return blockers(requirements).length === 0
}

/** 300 → {n: 5, unit: 'min'}; 5 → {n: 5, unit: 's'}: a limit the way the catalogue wrote it. */
export function amount(seconds) {
  const value = Number(seconds)
  return value >= 60 && value % 60 === 0 ? { n: value / 60, unit: 'min' } : { n: value, unit: 's' }
}

/** The item's duration limit: {kind: 'at_most'|'at_least'|'between', lo, hi} (amounts), or null. */
export function durationLimit(item) {
  const lo = item?.min_duration_s ?? null
  const hi = item?.max_duration_s ?? null
  if (lo === null && hi === null) return null
  if (lo === null) return { kind: 'at_most', hi: amount(hi) }
  if (hi === null) return { kind: 'at_least', lo: amount(lo) }
  return { kind: 'between', lo: amount(lo), hi: amount(hi) }
}

/** The item's accepted formats as one label ("pdf / docx"), or null when any format will do. */
export function formatsLabel(item) {
  return item?.accepted_formats?.length ? item.accepted_formats.join(' / ') : null
}

/** The item's size cap in MB with one decimal ("2.0"), or null when it has none of its own. */
export function sizeCapMb(item) {
  return item?.max_bytes ? (item.max_bytes / (1024 * 1024)).toFixed(1) : null
}

/** The catalogue's description when it says more than the item's name, else null. */
export function extraDescription(item) {
  const text = item?.description_zh || ''
  return text && text !== item.key ? text : null
}

/** The 提交 button's message: a group leader's own work goes to the school admin, not to a leader. */
export function submitLabelKey(move, grader) {
  return move === 'submit' && grader === 'school_admin' ? 'submission.submit_to_school' : `submission.${move}`
}
