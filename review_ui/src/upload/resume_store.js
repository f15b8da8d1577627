// What a page reload would otherwise forget: which server-side upload a file was going to.
// Kept in localStorage per slot (a teacher's point, a group's session); the file itself must be
// chosen again after a reload (browsers never hand a file back), and is recognised by its
// name, size and modification time.
const PREFIX = 'kejian.upload.'

export function loadRecord(slot) {
  try {
    const raw = window.localStorage.getItem(PREFIX + slot)
    return raw ? JSON.parse(raw) : null
  } catch {
    return null
  }
}

export function saveRecord(slot, record) {
  try {
    window.localStorage.setItem(PREFIX + slot, JSON.stringify(record))
  } catch {
    // storage full or blocked: the upload still works, only resuming after a reload does not
  }
}

export function forgetRecord(slot) {
  try {
    window.localStorage.removeItem(PREFIX + slot)
  } catch {
    // nothing stored, nothing to forget
  }
}

export function describeFile(file) {
  return { name: file.name, size: file.size, lastModified: file.lastModified }
}

export function sameFile(record, file) {
  return Boolean(record) && record.name === file.name && record.size === file.size && record.lastModified === file.lastModified
}
