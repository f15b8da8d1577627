// Send one part's bytes: a PUT to a presigned S3/MinIO URL, or to the app's own part route on
// the local store. Uppy's own sender waits forever when a cross-origin server hides the ETag;
// ours needs none (the server checks stored parts itself), and it reads our JSON refusals.
import { ApiError } from '../core/api.js'

function refusal(xhr) {
  try {
    const body = JSON.parse(xhr.responseText)
    if (body?.error) return new ApiError(xhr.status, body.error)
  } catch {
    // not our JSON (S3 answers XML): a plain error with the status below
  }
  const err = new Error(`part upload failed with HTTP ${xhr.status}`)
  err.source = xhr
  return err
}

export function putPart({ signature, body, size, onProgress, onComplete, signal }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(signature.method || 'PUT', signature.url, true)
    for (const [name, value] of Object.entries(signature.headers || {})) xhr.setRequestHeader(name, value)
    const abort = () => xhr.abort()
    signal?.addEventListener('abort', abort, { once: true })
    const done = () => signal?.removeEventListener('abort', abort)
    xhr.upload.addEventListener('progress', (event) => onProgress?.(event))
    xhr.addEventListener('abort', () => {
      done()
      const err = new Error('aborted')
      err.name = 'AbortError'
      reject(err)
    })
    xhr.addEventListener('error', () => {
      done()
      const err = new Error('network error while sending a part')
      err.source = xhr
      reject(err)
    })
    xhr.addEventListener('load', () => {
      done()
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(refusal(xhr))
        return
      }
      const etag = xhr.getResponseHeader('ETag') || ''
      onProgress?.({ loaded: size, total: size, lengthComputable: true })
      onComplete?.(etag)
      resolve({ ETag: etag })
    })
    xhr.send(body)
  })
}
