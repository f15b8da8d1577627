// The anti-forgery token: the server puts it in a cookie our own pages can read (kejian_csrf,
// bound to the session) and wants it back in X-CSRF-Token on every write to our API. A page of
// another site cannot read it, so a forged request cannot carry it. Never sent to other
// origins (a presigned S3 URL would refuse an unsigned header, and it is none of their business).

export const CSRF_COOKIE = 'kejian_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The token from a Cookie string (document.cookie by default), or '' when there is none. */
export function csrfToken(cookies = globalThis.document?.cookie || '') {
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='))
  }
  return ''
}

/** Whether `url` goes to this page's own origin (a path, or an absolute URL of the same origin). */
export function isOwnOrigin(url, here = globalThis.location?.href || 'http://localhost/') {
  try {
    return new URL(url, here).origin === new URL(here).origin
  } catch {
    return false
  }
}

/** `headers` plus the token when `method` writes to our own API; other requests unchanged. */
export function withCsrf(method, url, headers = {}, cookies = undefined) {
  if (!UNSAFE.has(String(method).toUpperCase()) || !isOwnOrigin(url)) return headers
  const token = csrfToken(cookies)
  return token ? { ...headers, [CSRF_HEADER]: token } : headers
}
