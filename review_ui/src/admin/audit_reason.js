// What an audit entry's reason column shows. Most reasons are a person's sentence; some entries
// (a roster import, a password reset) record facts as a JSON object, which is shown as short
// "key: value" lines rather than one long unbroken string that squeezes the other columns.

/** The reason as lines to show: a sentence stays one line; a JSON object becomes one line per key. */
export function reasonLines(reason) {
  if (!reason) return []
  const text = String(reason).trim()
  if (!text.startsWith('{')) return [text]
  let facts
  try {
    facts = JSON.parse(text)
  } catch {
    return [text]
  }
  if (!facts || typeof facts !== 'object' || Array.isArray(facts)) return [text]
  return Object.entries(facts).map(([key, value]) => `${key}: ${valueText(value)}`)
}

function valueText(value) {
  if (value === null || typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return value.map(valueText).join(', ')
  return Object.entries(value)
    .map(([key, inner]) => `${key} ${valueText(inner)}`)
    .join(', ')
}
