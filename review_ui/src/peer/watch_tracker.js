// Which stretches of a video were really played: a segment runs while the position advances with
// playback; a seek, pause, end or rate change closes it, so a skipped stretch is never inside one.
// Each segment carries the wall-clock seconds it took: the server caps what counts at its rate
// limit (domain/watch_coverage.py) and merges segments from every tab and reload.

/** A jump forward beyond what playing at `maxRate` could cover (plus slack) is a seek, not playback. */
const SLACK_S = 1.5

export function createTracker({ maxRate = 2, now = () => performance.now() / 1000 } = {}) {
  let current = null // { start, end, wallStart, wallLast }
  const closed = []

  const close = () => {
    if (current && current.end > current.start && current.wallLast > current.wallStart) {
      closed.push({ start: current.start, end: current.end, wall_s: current.wallLast - current.wallStart })
    }
    current = null
  }

  return {
    /** The position while playing (from timeupdate). */
    at(position) {
      const t = now()
      if (current) {
        const wall = t - current.wallLast
        const jumped = position < current.end - 0.25 || position - current.end > wall * maxRate * 2 + SLACK_S
        if (!jumped) {
          current.end = Math.max(current.end, position)
          current.wallLast = t
          return
        }
        close()
      }
      current = { start: position, end: position, wallStart: t, wallLast: t }
    },
    /** Playback stopped or jumped (seeking, pause, ended, ratechange, waiting). */
    cut: close,
    /** The segments played so far, handed over once; an open segment continues from where it was cut. */
    take() {
      if (current) {
        const { end, wallLast } = current
        close()
        current = { start: end, end, wallStart: wallLast, wallLast }
      }
      return closed.splice(0)
    },
    /** Segments that failed to send go back, to be sent with the next report. */
    putBack(segments) {
      closed.unshift(...segments)
    },
  }
}

/** The merged seconds of [start, end] intervals (what the server returns), for a progress bar. */
export function sharePercent(share) {
  return Math.floor((Number(share) || 0) * 1000) / 10
}

/** The status of an assignment for its badge: done, overdue, to comment, or to watch. */
export function peerStatus(a) {
  if (a.done) return 'done'
  if (a.overdue) return 'overdue'
  return a.counted ? 'comment' : 'todo'
}
