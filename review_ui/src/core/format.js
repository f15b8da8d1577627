// Numbers, times and states as people read them, in the current language.
import { t } from './i18n.js'
import { calendarDay, zonedDateTime, zonedDay, zoneLabel } from './people_time.js'
import { currentRules } from './rules.js'

/** 75.4 → "1:15"; 3725 → "1:02:05". */
export function clock(seconds) {
  const total = Math.max(0, Math.floor(Number(seconds) || 0))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** "1:15" or "1:02:05" → seconds; null when the text holds no time. */
export function parseClock(text) {
  const found = /(?:(\d+):)?(\d{1,2}):(\d{2})/.exec(text || '')
  if (!found) return null
  return Number(found[1] || 0) * 3600 + Number(found[2]) * 60 + Number(found[3])
}

/** 600 → "10", 450 → "7.5": a length in whole minutes where it is one, else to a tenth. */
export function minuteCount(seconds) {
  return String(Number((Number(seconds) / 60).toFixed(1)))
}

export function minutes(seconds) {
  if (seconds === null || seconds === undefined) return '—'
  return t('unit.duration', { clock: clock(seconds), n: (Number(seconds) / 60).toFixed(1) })
}

export function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = Number(n) || 0
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`
}

/** A timestamp as "2026-12-06 01:30" in the server's zone (Beijing time), whatever the browser's zone. */
export function dateTime(iso) {
  return zonedDateTime(iso)
}

/** The same, naming the zone: "2026-12-06 01:30（北京时间）", for sentences without a labelled column. */
export function dateTimeWithZone(iso) {
  if (!iso) return '—'
  return t('time.with_zone', { time: zonedDateTime(iso), zone: zoneLabel() })
}

/** The day a timestamp falls on in the server's zone ("2026-12-06"). */
export function dayOf(iso) {
  return zonedDay(iso)
}

/** A calendar date ("2026-12-06", e.g. a window's last day) as it is: no zone can shift it. */
export function day(isoDate) {
  return calendarDay(isoDate)
}

export const LEVELS = ['excellent', 'pass', 'fail']

export function levelLabel(level) {
  return t(`level.${level}`)
}

export function stateLabel(state) {
  return t(`state.${state}`)
}

/** The verdict a submission's state shows, or null while it has none (the server's map, /api/rules). */
export function verdictOf(state, verdicts = currentRules().workflow.verdicts) {
  return verdicts[state] || null
}
