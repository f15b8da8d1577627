// Pure helpers of a session's training record: the length rule the server counts, and a record's
// participant as the signed-in teacher (whose 心得 form to show).

/** Characters without whitespace, as the server counts a 心得 or a report (domain.session_record.text_length). */
export function textLength(text) {
  return (text || '').replace(/\s+/g, '').length
}

/** The signed-in teacher's own line on the record, when they are a listed participant. */
export function myLine(record, teacherId) {
  return teacherId ? (record.participants || []).find((p) => p.teacher_id === teacherId) || null : null
}
