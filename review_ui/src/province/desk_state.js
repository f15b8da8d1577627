// The provincial reviewer's desk without the DOM: the works query from the filters, keyset
// paging with a way back, a round's body from the form, a fresh readable seed, and the lines a
// round's strata read as. The server decides everything; these only shape what is sent and read.

export const PAGE_SIZE = 25
// The symbols of server-made seeds and one-time passwords: no lookalikes (domain/one_time_passwords.py).
export const SEED_ALPHABET = '34679ACDEFHJKLMNPRTUWXY'

/** GET /api/province/works's query: only the filters set, the cursor, the page size; `count` false when
 * the total is known already (another page of the same filters: a count can take a second). */
export function worksQuery(filters = {}, after = null, limit = PAGE_SIZE, { count = true } = {}) {
  const q = { limit }
  for (const key of ['school_id', 'subject', 'capability_code', 'state', 'verdict', 'round_id']) {
    if (filters[key] !== undefined && filters[key] !== null && filters[key] !== '') q[key] = filters[key]
  }
  if (filters.accepted_despite_checks) q.accepted_despite_checks = true
  if (filters.duplicate) q.duplicate = true
  if (after !== null && after !== undefined) q.after = after
  if (!count) q.count = false
  return q
}

/** Keyset paging: the cursors of the pages seen so far, so 上一页 goes back without offsets. */
export function firstPage() {
  return { cursors: [null], index: 0, next: null, total: 0 }
}

export function withResult(pager, page) {
  return { ...pager, next: page.next_after ?? null, total: page.total ?? pager.total }
}

export function nextPage(pager) {
  if (pager.next === null) return pager
  const cursors = [...pager.cursors.slice(0, pager.index + 1), pager.next]
  return { ...pager, cursors, index: pager.index + 1, next: null }
}

export function prevPage(pager) {
  return pager.index === 0 ? pager : { ...pager, index: pager.index - 1, next: null }
}

export function cursorOf(pager) {
  return pager.cursors[pager.index]
}

export function pageCount(pager, size = PAGE_SIZE) {
  return Math.max(1, Math.ceil(pager.total / size))
}

/** "20261206-K7M3Q": the day and five unambiguous symbols; `randomInts(n)` gives n random integers. */
export function freshSeed(day, randomInts = defaultRandom) {
  const digits = String(day).replaceAll('-', '')
  const symbols = Array.from(randomInts(5), (n) => SEED_ALPHABET[n % SEED_ALPHABET.length]).join('')
  return `${digits}-${symbols}`
}

function defaultRandom(n) {
  return crypto.getRandomValues(new Uint32Array(n))
}

/**
 * POST /api/province/rounds's body from the form's values, or { problem } naming what is missing:
 * a rate (0–100; empty: the server's setting) or a count (a whole number ≥ 0) by the mode, and a
 * seed when `seedRequired`.
 */
export function roundBody({ mode, percent, count, seed, weighting }, { seedRequired = false } = {}) {
  const body = { mode: mode === 'count' ? 'count' : 'percent', weighting: weighting === 'risk' ? 'risk' : 'uniform' }
  const text = String((body.mode === 'count' ? count : percent) ?? '').trim()
  const value = Number(text)
  // An empty rate leaves the server's setting (review_sampling_percent) to decide.
  const empty = text === '' && body.mode === 'percent'
  const ok = empty || (text !== '' && Number.isFinite(value) && value >= 0 && (body.mode === 'count' ? Number.isInteger(value) : value <= 100))
  if (!ok) return { problem: 'round.need_value' }
  if (!empty) body[body.mode] = value
  const cleanSeed = String(seed ?? '').trim()
  if (cleanSeed) body.seed = cleanSeed
  else if (seedRequired) return { problem: 'round.need_seed' }
  return { body }
}

/** A stratum's values for its line: the weight to two decimals at most. */
export function stratumValues(stratum) {
  return {
    school: stratum.school_name,
    subject: stratum.subject,
    size: stratum.size,
    weight: Number(stratum.weight.toFixed(2)).toString(),
    drawn: stratum.drawn,
  }
}

/** Which review moves a row offers: confirm / downgrade from the server's allowed actions;
 * confirming downgraded work is "undo" and needs a reason, as a downgrade does. */
export function reviewMoves(work) {
  const allowed = work.allowed_actions || []
  return ['confirm', 'downgrade']
    .filter((a) => allowed.includes(a))
    .map((action) => ({
      action,
      label: action === 'confirm' && work.state === 'downgraded' ? 'pdesk.undo' : `pdesk.${action}`,
      reasonRequired: action === 'downgrade' || work.state === 'downgraded',
    }))
}
