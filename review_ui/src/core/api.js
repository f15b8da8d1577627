// The API over fetch with the session cookie. Refusals become ApiError carrying the server's
// bilingual reason (code, message_zh, message_en, and violations where the API lists them).
// Writes carry the anti-forgery token (core/csrf.js).
import { withCsrf } from './csrf.js'
import { nextCursor } from './keyset.js'

export const SIGNED_OUT = 'kejian:signed-out'

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message_en || `HTTP ${status}`)
    this.status = status
    this.error = error || { code: `http.${status}`, message_zh: `请求失败（${status}）`, message_en: `Request failed (${status})` }
  }
}

async function request(method, path, { json, body, headers = {}, signal, paged = false } = {}) {
  const init = {
    method,
    headers: withCsrf(method, path, { Accept: 'application/json', ...headers }),
    credentials: 'same-origin',
    signal,
  }
  if (json !== undefined) {
    init.body = JSON.stringify(json)
    init.headers['Content-Type'] = 'application/json'
  } else if (body !== undefined) {
    init.body = body
  }
  let response
  try {
    response = await fetch(path, init)
  } catch (err) {
    if (err?.name === 'AbortError') throw err
    throw new ApiError(0, {
      code: 'network',
      message_zh: '无法连接服务器，请检查网络后重试。',
      message_en: 'Cannot reach the server; check the network and try again.',
    })
  }
  if (response.status === 204) return null
  const type = response.headers.get('content-type') || ''
  const data = type.includes('json') ? await response.json().catch(() => null) : null
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    // The session ended (expired, or signed out elsewhere): the app shows the login again.
    window.dispatchEvent(new CustomEvent(SIGNED_OUT))
  }
  if (!response.ok) throw new ApiError(response.status, data?.error)
  return paged ? { items: data, next: nextCursor(response.headers) } : data
}

export const api = {
  get: (path, opts) => request('GET', path, opts),
  /** A page of a list paged by cursor: { items, next } (next: the X-Next-After cursor, or null). */
  page: (path, opts = {}) => request('GET', path, { ...opts, paged: true }),
  post: (path, json, opts = {}) => request('POST', path, { ...opts, json }),
  put: (path, json, opts = {}) => request('PUT', path, { ...opts, json }),
  patch: (path, json, opts = {}) => request('PATCH', path, { ...opts, json }),
  del: (path, opts) => request('DELETE', path, opts),
  raw: request,
}

/** A query string from an object; arrays repeat the key (codes=A1&codes=A2). */
export function query(params) {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}
