// Every timestamp reads in the server's zone (Beijing time by default), whatever zone node or the
// browser runs in; calendar dates keep their day. The zone-independence is checked by running the
// same formatting in child processes with TZ=UTC and TZ=America/New_York.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { dateTime, dateTimeWithZone, day, dayOf } from '../src/core/format.js'
import { setLanguage } from '../src/core/i18n.js'
import { DEFAULT_ZONE, peopleZone, wallClock, zonedDateTime } from '../src/core/people_time.js'
import { forgetRules, loadRules } from '../src/core/rules.js'

const FORMAT = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'format.js')).href
// 01:30 on 6 December in Beijing is 17:30 on the 5th in UTC and 12:30 on the 5th in New York.
const CHOSEN = '2026-12-05T17:30:00Z'

async function withRules(answer, body) {
  const original = globalThis.fetch
  globalThis.fetch = async () => ({ status: 200, ok: true, headers: new Map([['content-type', 'application/json']]), json: async () => answer })
  try {
    forgetRules()
    await loadRules()
    return await body()
  } finally {
    globalThis.fetch = original
    forgetRules()
  }
}

function inProcessWithTZ(tz) {
  const script = `
    import { dateTime, dayOf, day } from ${JSON.stringify(FORMAT)}
    console.log(JSON.stringify({
      offset: new Date('${CHOSEN}').getTimezoneOffset(),
      local: new Date('${CHOSEN}').getDate(),
      dateTime: dateTime('${CHOSEN}'),
      dayOf: dayOf('${CHOSEN}'),
      day: day('2026-12-06'),
    }))`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })
  return JSON.parse(out)
}

test('a timestamp reads in Beijing time before and after the rules arrive', async () => {
  assert.equal(dateTime(CHOSEN), '2026-12-06 01:30')
  assert.equal(dayOf(CHOSEN), '2026-12-06')
  assert.equal(dateTime('2026-12-06T01:30:00+08:00'), '2026-12-06 01:30')
  assert.equal(dateTime('2026-12-05T17:30:00'), '2026-12-06 01:30', 'no zone designator: UTC, as stored')
  assert.equal(dateTime('2026-12-05T17:30:00.123456+00:00'), '2026-12-06 01:30')
  assert.equal(dateTime('2026-12-05T16:00:00Z'), '2026-12-06 00:00', 'midnight is 00:00, never 24:00')
  await withRules({ time_zone: DEFAULT_ZONE }, async () => assert.equal(dateTime(CHOSEN), '2026-12-06 01:30'))
})

test('another zone from the server changes every time shown', async () => {
  const newYork = { name: 'America/New_York', label_zh: 'America/New_York', label_en: 'America/New_York' }
  await withRules({ time_zone: newYork }, async () => {
    assert.equal(peopleZone().name, 'America/New_York')
    assert.equal(dateTime(CHOSEN), '2026-12-05 12:30')
    assert.equal(dayOf(CHOSEN), '2026-12-05')
    assert.equal(dateTimeWithZone(CHOSEN), '2026-12-05 12:30（America/New_York）')
  })
  assert.equal(peopleZone(), DEFAULT_ZONE, 'after sign-out: the default again')
})

test('the zone is named in the current language', () => {
  globalThis.document = { documentElement: {} }
  globalThis.window = { localStorage: { setItem() {} } }
  try {
    assert.equal(dateTimeWithZone(CHOSEN), '2026-12-06 01:30（北京时间）')
    setLanguage('en')
    assert.equal(dateTimeWithZone(CHOSEN), '2026-12-06 01:30 (Beijing time)')
  } finally {
    setLanguage('zh-CN')
    delete globalThis.document
    delete globalThis.window
  }
})

test('a calendar date keeps its day, and nothing readable shows a dash', () => {
  assert.equal(day('2026-12-06'), '2026-12-06')
  assert.equal(day('2026-01-01'), '2026-01-01')
  for (const nothing of [null, undefined, '', 'not a date']) {
    assert.equal(dateTime(nothing), '—')
    assert.equal(dayOf(nothing), '—')
    assert.equal(day(nothing), '—')
  }
  assert.equal(wallClock('garbage'), null)
  assert.equal(zonedDateTime(CHOSEN, 'UTC'), '2026-12-05 17:30')
})

for (const [tz, offset, localDate] of [['UTC', 0, 5], ['America/New_York', 300, 5], ['Asia/Tokyo', -540, 6]]) {
  test(`node running with TZ=${tz} still prints Beijing time`, () => {
    const seen = inProcessWithTZ(tz)
    assert.equal(seen.offset, offset, `the child really runs in ${tz}`)
    assert.equal(seen.local, localDate)
    assert.equal(seen.dateTime, '2026-12-06 01:30')
    assert.equal(seen.dayOf, '2026-12-06')
    assert.equal(seen.day, '2026-12-06')
  })
}
