// Pure helpers of the session cards: a participant's presence, and when the cards need redrawing.

/** seen | not_seen | no_reference, also for analyses stored before the state was written. */
export function presenceOf(person) {
  if (person.state) return person.state
  if (person.seen) return 'seen'
  return person.has_reference === false ? 'no_reference' : 'not_seen'
}

/** What a redraw of the session cards would change: each session's status, standing, identification, acceptance. */
export function sessionsSignature(recordings, handOver) {
  const parts = recordings.map((r) => [r.id, r.status, r.standing?.state, r.analysis?.identified_at, r.acceptance?.at].join('|'))
  return [handOver?.state, ...parts].join(';')
}
