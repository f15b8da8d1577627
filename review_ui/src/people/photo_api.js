// The reference-photo routes: a teacher's photos one by one, and a school's as one ZIP.
// Photos go up as the raw file (no form encoding); the server reads what the bytes are.
import { api, query } from '../core/api.js'

const IMAGE_TYPES = ['image/jpeg', 'image/png']

/** Upload one photo for the teacher; with `replace` their other photos go once this one is accepted. */
export function uploadReference(teacherId, file, { replace = false } = {}) {
  const type = IMAGE_TYPES.includes(file.type) ? file.type : 'application/octet-stream'
  return api.raw('POST', `/api/teachers/${teacherId}/references${query({ replace: replace || undefined })}`, {
    body: file,
    headers: { 'Content-Type': type },
  })
}

export function listReferences(teacherId, opts) {
  return api.get(`/api/teachers/${teacherId}/references`, opts)
}

export function retryReference(teacherId, referenceId) {
  return api.raw('POST', `/api/teachers/${teacherId}/references/${referenceId}/retry`)
}

export function deleteReference(teacherId, referenceId) {
  return api.del(`/api/teachers/${teacherId}/references/${referenceId}`)
}

/** A ZIP of photos named by 工号 for the whole school → {created: [...], refused: [...]}. */
export function uploadPhotoZip(schoolId, file) {
  return api.raw('POST', `/api/schools/${schoolId}/reference-photos`, {
    body: file,
    headers: { 'Content-Type': 'application/zip' },
  })
}
