// What changing a confirmed selection would cost the teacher: the points being dropped that
// already hold their work. The server refuses to drop a point whose work is past a draft
// (selection.point_in_use); saying so while choosing spares the admin a refused save, and a
// draft being dropped is worth a warning too (the teacher's upload stops counting).

/** The dropped points (in `saved`, not in `chosen`) that have work, each with its states. */
export function droppedWithWork(saved, chosen, submissions) {
  const keep = new Set(chosen)
  const dropped = saved.filter((code) => !keep.has(code))
  return dropped
    .map((code) => {
      const states = submissions.filter((s) => s.capability_code === code).map((s) => s.state)
      return { code, states, blocked: states.some((state) => state !== 'draft') }
    })
    .filter((row) => row.states.length)
}
