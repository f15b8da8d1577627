// One document to the API. XMLHttpRequest rather than fetch: only it reports upload progress,
// which matters for a 50 MB PowerPoint on a school's slow line. Refusals become the same
// bilingual ApiError the rest of the UI shows.
import { ApiError, SIGNED_OUT } from '../core/api.js'
import { withCsrf } from '../core/csrf.js'

const NETWORK = {
  code: 'network',
  message_zh: '无法连接服务器，请检查网络后重试。',
  message_en: 'Cannot reach the server; check the network and try again.',
}

/** POST `file` to the submission; resolves with the stored document, onProgress(0–100) meanwhile. */
export function sendDocument(submissionId, file, { itemKey = null, onProgress = () => {} } = {}) {
  const params = new URLSearchParams({ filename: file.name })
  if (itemKey) params.set('item_key', itemKey)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const url = `/api/submissions/${submissionId}/documents?${params}`
    xhr.open('POST', url)
    // octet-stream: the server sniffs the bytes; the token: a write with the session cookie
    const headers = { Accept: 'application/json', 'Content-Type': 'application/octet-stream' }
    for (const [name, value] of Object.entries(withCsrf('POST', url, headers))) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total) onProgress((event.loaded / event.total) * 100)
    }
    xhr.onload = () => {
      let data = null
      try {
        data = JSON.parse(xhr.responseText)
      } catch {
        data = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100)
        resolve(data)
        return
      }
      if (xhr.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT))
      reject(new ApiError(xhr.status, data?.error))
    }
    xhr.onerror = () => reject(new ApiError(0, NETWORK))
    xhr.send(file)
  })
}
