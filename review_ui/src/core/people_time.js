// Times as the programme's people read them: in the server's zone (GET /api/rules → time_zone,
// KEJIAN_TIMEZONE, Beijing time by default) whatever zone the browser runs in, so a reviewer whose
// laptop is set to UTC or is abroad still reads 01:30 on the Beijing day, not 17:30 the day before.
// Calendar days (a selection window's dates) are not instants: they are printed as they are.
import { isEnglish } from './i18n.js'
import { loadedRules } from './rules.js'

/** Until the rules arrive (the sign-in page): the programme's own zone. */
export const DEFAULT_ZONE = Object.freeze({ name: 'Asia/Shanghai', label_zh: '北京时间', label_en: 'Beijing time' })

/** The zone the server names (rules.time_zone), or DEFAULT_ZONE before the rules are loaded. */
export function peopleZone(rules = loadedRules()) {
  return rules?.time_zone || DEFAULT_ZONE
}

/** "北京时间" / "Beijing time": the zone as the current language names it. */
export function zoneLabel(zone = peopleZone()) {
  return isEnglish() ? zone.label_en : zone.label_zh
}

const formats = new Map()

function formatIn(timeZone) {
  if (!formats.has(timeZone)) {
    const fields = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }
    formats.set(timeZone, new Intl.DateTimeFormat('en-US', { ...fields, hourCycle: 'h23', timeZone }))
  }
  return formats.get(timeZone)
}

/** An API timestamp as an instant; one without a zone designator is UTC, as the server stores it. */
function instant(iso) {
  const text = String(iso)
  const zoned = /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text) || !text.includes('T')
  const date = new Date(zoned ? text : `${text}Z`)
  return Number.isNaN(date.getTime()) ? null : date
}

/** { year, month, day, hour, minute } (zero-padded strings) of `iso` on `zoneName`'s wall clock; null if unreadable. */
export function wallClock(iso, zoneName = peopleZone().name) {
  if (!iso) return null
  const date = instant(iso)
  if (!date) return null
  const parts = Object.fromEntries(formatIn(zoneName).formatToParts(date).map((p) => [p.type, p.value]))
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute }
}

/** "2026-12-06 01:30": the timestamp in the people's zone, to the minute; '—' when there is none. */
export function zonedDateTime(iso, zoneName = peopleZone().name) {
  const at = wallClock(iso, zoneName)
  return at ? `${at.year}-${at.month}-${at.day} ${at.hour}:${at.minute}` : '—'
}

/** "2026-12-06": the day a timestamp falls on in the people's zone. */
export function zonedDay(iso, zoneName = peopleZone().name) {
  const at = wallClock(iso, zoneName)
  return at ? `${at.year}-${at.month}-${at.day}` : '—'
}

/** "2026-12-06" for a calendar date ("2026-12-06"): never through Date, so no zone can move its day. */
export function calendarDay(isoDate) {
  const found = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate || '')
  return found ? `${found[1]}-${found[2]}-${found[3]}` : '—'
}
