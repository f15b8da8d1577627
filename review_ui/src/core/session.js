// Who is signed in. The session itself is the HttpOnly cookie the login sets. Signing out
// also forgets the rules read for the session (core/rules.js).
import { api } from './api.js'
import { forgetRules } from './rules.js'

let user = null

export function currentUser() {
  return user
}

/**
 * Ask the server who we are; null when not signed in. GET /api/auth/session answers 200 with
 * {user: null} for nobody, so opening the site signed out logs no failed request.
 */
export async function loadUser() {
  user = (await api.get('/api/auth/session')).user
  return user
}

export async function signIn(username, password) {
  const out = await api.post('/api/auth/login', { username, password })
  user = out.user
  return user
}

export async function signOut() {
  try {
    await api.post('/api/auth/logout')
  } finally {
    user = null
    forgetRules()
  }
}

/** Forget the user without asking the server (it already said the session is gone). */
export function forgetUser() {
  user = null
  forgetRules()
}
