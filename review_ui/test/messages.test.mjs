// Every message the sources ask for exists in both languages, with the same placeholders,
// and the catalogue holds no message nobody uses. Run with `npm test` (node's own runner).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { MESSAGES } from '../src/core/messages.js'

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src')

async function sources(dir = SRC) {
  const out = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await sources(full)))
    else if (entry.name.endsWith('.js')) out.push(await readFile(full, 'utf8'))
  }
  return out.join('\n')
}

// The roster's column headers are Chinese in the file itself, so the English help names them as written.
const CHINESE_ON_PURPOSE = new Set(['roster.lead'])
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

test('every literal key used with t() is in the catalogue', async () => {
  const code = await sources()
  const used = [...code.matchAll(/\bt\(\s*'([a-z_.]+)'/g)].map((m) => m[1])
  const missing = [...new Set(used)].filter((key) => !(key in MESSAGES))
  assert.deepEqual(missing, [])
})

test('keys built from a prefix have an entry for each value the API or the code gives', () => {
  const families = {
    'state.': ['draft', 'submitted', 'resubmitted', 'scored_excellent', 'scored_pass', 'scored_fail', 'returned', 'forwarded', 'sampled', 'confirmed', 'downgraded'],
    'level.': ['excellent', 'pass', 'fail'],
    'role.': ['teacher', 'group_leader', 'school_admin', 'provincial_reviewer', 'admin'],
    'stage.': ['probe', 'analyze', 'transcode'],
    'stage_state.': ['queued', 'running', 'done', 'failed', 'waiting'],
    'upload.phase.': ['idle', 'creating', 'uploading', 'completing', 'done', 'error'],
    'move.': ['forward', 'return', 'confirm', 'downgrade', 'return_reason', 'downgrade_reason'],
    'submission.': ['submit', 'resubmit'],
    'history.': ['return', 'score_fail', 'downgrade'],
    'nav.': ['group', 'my_points'],
    'check.': ['duplicate'],
  }
  const missing = Object.entries(families).flatMap(([prefix, values]) => values.map((v) => prefix + v).filter((k) => !(k in MESSAGES)))
  assert.deepEqual(missing, [])
})

test('both languages are present and agree on placeholders', () => {
  for (const [key, entry] of Object.entries(MESSAGES)) {
    assert.equal(entry.length, 2, key)
    if (key === 'upload.phase.idle') continue
    assert.ok(entry[0] && entry[1], `${key} has an empty translation`)
    assert.deepEqual(placeholders(entry[0]), placeholders(entry[1]), key)
    if (!CHINESE_ON_PURPOSE.has(key)) assert.doesNotMatch(entry[1], /[\u4e00-\u9fff]/, `${key}: English text with Chinese in it`)
  }
})
