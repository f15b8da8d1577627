// The review rules as this server applies them (GET /api/rules): how many points, which
// dimensions, pass lines, quotas and which workflow states mean what. Read once after sign-in
// and shared by every page, so the UI never keeps a copy of a rule that a setting can change.
import { api } from './api.js'

let rules = null
let loading = null

/** The rules; loadRules() must have finished (the app waits for it before drawing a page). */
export function currentRules() {
  if (!rules) throw new Error('the rules are not loaded yet')
  return rules
}

/** The rules if they have arrived, else null (for code that also runs before sign-in). */
export function loadedRules() {
  return rules
}

/** Ask the server once; later calls reuse the answer until forgetRules(). */
export function loadRules() {
  if (rules) return Promise.resolve(rules)
  if (!loading) {
    loading = api
      .get('/api/rules')
      .then((answer) => {
        rules = answer
        return rules
      })
      .finally(() => {
        loading = null
      })
  }
  return loading
}

/** After sign-out: the next user's session reads them again (the server may have restarted). */
export function forgetRules() {
  rules = null
}
