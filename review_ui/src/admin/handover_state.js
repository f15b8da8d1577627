// The school's hand-over card (学校提交) without the DOM: what the card shows for a status from
// GET /api/schools/{id}/handover, and which lines of a refusal still hold after a reload. The
// server decides everything; these only read what it sent.

/** What the card shows: handed over or not, whether the button is offered, the counts, the subjects. */
export function handoverView(status) {
  const handedOver = status?.state === 'handed_over'
  return {
    handedOver,
    ready: Boolean(status?.ready),
    // Offered while open, even when something is missing: the server's refusal then says what.
    canSubmit: Boolean(status) && !handedOver,
    stateKey: handedOver ? 'handover.state.handed_over' : 'handover.state.open',
    subjects: (status?.by_subject || []).map((s) => ({ subject: s.subject, count: s.count, uncovered: (status.uncovered_subjects || []).includes(s.subject) })),
    since: handedOver && status.since ? status.since : null,
  }
}

/** The codes of a refusal's listed reasons (the API's error.violations). */
export function refusalCodes(error) {
  return (error?.violations || []).map((v) => v.code)
}

/**
 * The reasons of an earlier refusal that are still missing in `status`: a reason the school has
 * since fixed (it forwarded enough, a subject is covered) drops out, and once none is left, or the
 * school handed over, the refusal is cleared (null).
 */
export function refusalStillHolds(error, status) {
  if (!error || !status || status.state === 'handed_over') return null
  const now = new Map((status.missing || []).map((r) => [r.code, r]))
  const left = (error.violations || []).filter((v) => now.has(v.code)).map((v) => now.get(v.code))
  return left.length ? { ...error, violations: left } : null
}

/** The link to the package the school uploads to the provincial platform. */
export function packageHref(schoolId) {
  return `/api/schools/${schoolId}/handover/package.zip`
}
