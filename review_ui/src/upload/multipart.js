// A resumable upload of one file through Uppy's S3 multipart uploader, pointed at our API:
// the server creates the upload (and decides the part size), parts go wherever its part URLs
// point (MinIO directly, or the app on the local store), and completing it creates the
// recording. After a reload the same server upload is reused and stored parts are skipped.
import Uppy from '@uppy/core'
import AwsS3 from '@uppy/aws-s3'
import { api } from '../core/api.js'
import { PartUrls } from './part_urls.js'
import { putPart } from './part_transport.js'
import { describeFile, forgetRecord, loadRecord, sameFile, saveRecord } from './resume_store.js'

const running = new Map() // slot → MultipartUpload, so a re-rendered page finds its upload again

export function uploadFor(slot) {
  return running.get(slot) || null
}

/** The unfinished upload remembered for `slot` (after a reload), with what the server holds. */
export async function pendingUpload(slot) {
  const record = loadRecord(slot)
  if (!record || running.has(slot)) return null
  try {
    const upload = await api.get(`/api/uploads/${record.uploadId}`)
    if (upload.state !== 'open') {
      forgetRecord(slot)
      return null
    }
    return { record, upload }
  } catch {
    forgetRecord(slot)
    return null
  }
}

export class MultipartUpload {
  /** `finish(completed)` runs once after the recording exists (e.g. attach it to a submission). */
  constructor(slot, target, { finish } = {}) {
    this.slot = slot
    this.target = target // {kind, capability_code} or {kind, group_id, participant_ids}
    this.finish = finish
    this.listeners = new Set()
    this.state = { phase: 'idle', percent: 0, error: null, completed: null, resumed: false }
    this.cancelled = false
  }

  subscribe(listener) {
    this.listeners.add(listener)
    listener(this.state)
    return () => this.listeners.delete(listener)
  }

  update(changes) {
    this.state = { ...this.state, ...changes }
    for (const listener of this.listeners) listener(this.state)
  }

  /** Reuse the remembered server upload when `file` is the same file, else open a new one. */
  async open(file) {
    const record = loadRecord(this.slot)
    if (sameFile(record, file)) {
      try {
        const upload = await api.get(`/api/uploads/${record.uploadId}`)
        if (upload.state === 'open') return { upload, resumed: true }
      } catch {
        // expired or gone: start again below
      }
    }
    const upload = await api.post('/api/uploads', {
      ...this.target,
      filename: file.name,
      size: file.size,
      content_type: file.type || 'application/octet-stream',
    })
    saveRecord(this.slot, { uploadId: upload.upload_id, recordingId: upload.recording_id, ...describeFile(file) })
    return { upload, resumed: false }
  }

  async start(file) {
    running.set(this.slot, this)
    this.update({ phase: 'creating', percent: 0, error: null })
    try {
      const { upload, resumed } = await this.open(file)
      const stored = upload.bytes_stored || 0
      this.update({ phase: 'uploading', resumed, percent: Math.min(99, Math.floor((stored / file.size) * 100)) })
      const completed = await this.send(file, upload)
      forgetRecord(this.slot)
      if (this.finish) await this.finish(completed)
      this.update({ phase: 'done', percent: 100, completed })
      return completed
    } catch (err) {
      if (this.cancelled) {
        forgetRecord(this.slot)
        this.update({ phase: 'idle', percent: 0, error: null })
      } else {
        this.update({ phase: 'error', error: err })
      }
      return null
    } finally {
      running.delete(this.slot)
      this.uppy?.destroy()
      this.uppy = null
    }
  }

  send(file, upload) {
    const urls = new PartUrls(upload.upload_id, upload.parts || [])
    let completed = null
    const uppy = new Uppy({ id: `kejian-${this.slot}`, autoProceed: false, allowMultipleUploadBatches: false })
    this.uppy = uppy
    uppy.use(AwsS3, {
      shouldUseMultipart: true,
      limit: 3, // parts in flight at once: enough to fill a slow link, gentle on a small server
      retryDelays: [0, 1000, 3000, 5000, 10000],
      getChunkSize: () => upload.part_size, // the server's part size: every part but the last is exactly this
      createMultipartUpload: () => ({ uploadId: upload.upload_id, key: upload.recording_id }),
      listParts: async (_file, { uploadId }) => {
        const status = await api.get(`/api/uploads/${uploadId}`)
        return (status.stored_parts || []).map((p) => ({ PartNumber: p.number, Size: p.size, ETag: p.etag }))
      },
      signPart: (_file, { partNumber }) => urls.get(partNumber),
      uploadPartBytes: putPart,
      completeMultipartUpload: async (_file, { uploadId }) => {
        this.update({ phase: 'completing', percent: 99 })
        completed = await api.post(`/api/uploads/${uploadId}/complete`)
        return { location: completed.recording_url }
      },
      // Uppy aborts on any failed part; only a person's cancel may throw stored parts away.
      abortMultipartUpload: async (_file, { uploadId }) => {
        if (this.cancelled) await api.del(`/api/uploads/${uploadId}`)
      },
    })
    let failure = null
    uppy.on('upload-progress', (_file, progress) => {
      if (!progress.bytesTotal) return
      this.update({ percent: Math.min(99, Math.floor((progress.bytesUploaded / progress.bytesTotal) * 100)) })
    })
    uppy.on('upload-error', (_file, err) => {
      failure = err
    })
    const id = uppy.addFile({ name: file.name, type: file.type || 'application/octet-stream', data: file, source: 'Local' })
    // Always the "restoring" path: Uppy lists the stored parts first and sends only the rest.
    uppy.setFileState(id, { s3Multipart: { uploadId: upload.upload_id, key: upload.recording_id } })
    return uppy.upload().then((result) => {
      if (completed && result?.successful?.length) return completed
      throw failure || new Error('upload failed')
    })
  }

  cancel() {
    this.cancelled = true
    this.uppy?.cancelAll()
  }
}
