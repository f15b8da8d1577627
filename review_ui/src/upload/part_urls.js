// Part URLs come from our API in batches (GET /api/uploads/{id}/part-urls) and are cached
// until shortly before they expire, so a large file costs one request per batch, not per part.
import { api, query } from '../core/api.js'
import { withCsrf } from '../core/csrf.js'

const BATCH = 50
const SAFETY_MS = 60_000

export class PartUrls {
  constructor(uploadId, initial = []) {
    this.uploadId = uploadId
    this.cache = new Map()
    this.remember(initial)
  }

  remember(parts) {
    for (const part of parts) this.cache.set(part.number, part)
  }

  fresh(part) {
    return part && (!part.expires_at || Date.parse(part.expires_at) - SAFETY_MS > Date.now())
  }

  async get(number) {
    let part = this.cache.get(number)
    if (!this.fresh(part)) {
      const out = await api.get(`/api/uploads/${this.uploadId}/part-urls${query({ first: number, count: BATCH })}`)
      this.remember(out.parts)
      part = this.cache.get(number)
    }
    if (!part) throw new Error(`no URL for part ${number}`)
    const method = part.method || 'PUT'
    // The local store's part route is our API (it wants the anti-forgery token); S3 gets nothing extra.
    return { method, url: part.url, headers: withCsrf(method, part.url) }
  }
}
