// Where a choice in progress stands against the server's selection rules (GET /api/rules):
// how many points are chosen of how many, which dimensions they cover, how many are missing.
// Pure, so the counting is tested without a browser; the server still checks every rule.

/** `chosen`: codes; `points`: Map code → catalogue point; `rules`: the answer of /api/rules. */
export function selectionProgress(chosen, points, rules) {
  const needed = rules.selection.points_per_teacher
  const dimensions = [...new Set(chosen.map((code) => points.get(code)?.dimension).filter(Boolean))]
  return {
    count: chosen.length,
    needed,
    minDimensions: rules.selection.min_dimensions,
    dimensions,
    missing: Math.max(0, needed - chosen.length),
    complete: chosen.length === needed,
  }
}
