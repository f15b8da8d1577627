// A teacher's reference photo as one state, and the bounded polling that waits for a new photo's
// check. Pure: no DOM and no fetch, so the node tests can run it with a fake clock.

/** The states the API gives a teacher's photo (GET /api/teachers → photo) and each reference. */
export const PHOTO_STATES = ['none', 'pending', 'ok', 'refused', 'failed']

/** The catalogue key of each state's label (core/messages.js), written out so tests can find them. */
export const PHOTO_LABEL_KEYS = {
  none: 'photo.state.none',
  pending: 'photo.state.pending',
  ok: 'photo.state.ok',
  refused: 'photo.state.refused',
  failed: 'photo.state.failed',
}

/** `state` when the API could send it, else 'none' (an unknown value never reads as a photo). */
export function normalState(state) {
  return PHOTO_STATES.includes(state) ? state : 'none'
}

/** A settled photo needs nothing more from the worker; only 'pending' is still being checked. */
export function isSettled(state) {
  return normalState(state) !== 'pending'
}

/** The newest of a teacher's references (by created_at, the API's own order breaking ties), or null. */
export function latestReference(references) {
  let latest = null
  for (const ref of references || []) {
    if (!latest || String(ref.created_at) >= String(latest.created_at)) latest = ref
  }
  return latest
}

/**
 * The teacher's photo state from their references: 'ok' while any photo is usable (a replacement
 * being checked does not take it away), else the newest attempt's state, else 'none'.
 */
export function photoStateOf(references) {
  if (!references?.length) return 'none'
  if (references.some((ref) => ref.state === 'ok')) return 'ok'
  return normalState(latestReference(references).state)
}

/** The usable reference, newest first, or null: the one whose source the control names. */
export function usableReference(references) {
  return latestReference((references || []).filter((ref) => ref.state === 'ok'))
}

/** How many of `states` (teacher id → photo state) have a usable photo. */
export function photoCount(states) {
  let ok = 0
  for (const state of states.values()) if (state === 'ok') ok += 1
  return { ok, total: states.size }
}

/** Whether a 4xx (not found, forbidden, signed out) makes asking again pointless. */
function isFinal(err) {
  return Number(err?.status) >= 400 && Number(err?.status) < 500
}

const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Ask `load()` every `intervalMs` until `isDone(value)`, at most `maxTries` times, or until
 * `stop()`. Resolves to {done: true, value} or {done: false, stopped, value, error}; a 4xx
 * rejects at once, other errors (the network) count as a try and are asked again.
 */
export function pollUntil(load, { isDone, intervalMs = 1000, maxTries = 90, sleep = realSleep } = {}) {
  let stopped = false
  const promise = (async () => {
    let value
    let error = null
    for (let tries = 0; tries < maxTries && !stopped; tries += 1) {
      await sleep(intervalMs)
      if (stopped) break
      try {
        value = await load()
        error = null
      } catch (err) {
        if (isFinal(err)) throw err
        error = err
        continue
      }
      if (stopped) break
      if (isDone(value)) return { done: true, stopped: false, value, error: null }
    }
    return { done: false, stopped, value, error }
  })()
  return {
    promise,
    stop: () => {
      stopped = true
    },
  }
}
