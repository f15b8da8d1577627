// Publishing a build never leaves dist/ without a complete bundle, keeps the page before it
// loadable, drops older generations, and two builds at once end with one whole bundle.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { publish } from '../publish.mjs'

const COMPANIONS = ['', '.gz', '.map']

/** A built bundle in `dir`: index.html naming app-<tag>.js and styles-<tag>.css, with companions. */
async function bundle(dir, tag) {
  await mkdir(path.join(dir, 'assets'), { recursive: true })
  for (const asset of [`app-${tag}.js`, `styles-${tag}.css`]) {
    for (const suffix of COMPANIONS) await writeFile(path.join(dir, 'assets', asset + suffix), `${tag}${suffix}`)
  }
  await writeFile(
    path.join(dir, 'index.html'),
    `<link rel="stylesheet" href="/ui/assets/styles-${tag}.css"><script src="/ui/assets/app-${tag}.js"></script>`,
  )
}

/** Whether `dist` serves a whole page right now: its index and everything it names (sync: no interleaving). */
function complete(dist) {
  const index = path.join(dist, 'index.html')
  if (!existsSync(index)) return false
  const names = [...readFileSync(index, 'utf8').matchAll(/\/ui\/assets\/([\w.-]+)/g)].map((m) => m[1])
  return names.length === 2 && names.every((name) => existsSync(path.join(dist, 'assets', name)))
}

async function workspace(t) {
  const root = await mkdtemp(path.join(tmpdir(), 'kejian-publish-'))
  t.after(() => rm(root, { recursive: true, force: true }))
  return { root, dist: path.join(root, 'dist') }
}

test('the first build becomes dist as a whole', async (t) => {
  const { root, dist } = await workspace(t)
  await bundle(path.join(root, 'next'), 'A')
  await publish(path.join(root, 'next'), dist)
  assert.ok(complete(dist))
  assert.deepEqual((await readdir(root)).sort(), ['dist'])
})

test('a rebuild keeps the page before it loadable and drops older generations', async (t) => {
  const { root, dist } = await workspace(t)
  await bundle(dist, 'B')
  await writeFile(path.join(dist, 'assets', 'app-A.js'), 'two builds ago')
  await bundle(path.join(root, 'next'), 'C')
  await publish(path.join(root, 'next'), dist)
  assert.match(readFileSync(path.join(dist, 'index.html'), 'utf8'), /app-C\.js/)
  const expected = ['B', 'C'].flatMap((tag) => [`app-${tag}.js`, `styles-${tag}.css`].flatMap((a) => COMPANIONS.map((s) => a + s)))
  assert.deepEqual((await readdir(path.join(dist, 'assets'))).sort(), expected.sort())
  assert.deepEqual((await readdir(root)).sort(), ['dist'])
})

test('a rebuild of the same sources changes nothing that is served', async (t) => {
  const { root, dist } = await workspace(t)
  await bundle(dist, 'B')
  await bundle(path.join(root, 'next'), 'B')
  await publish(path.join(root, 'next'), dist)
  assert.ok(complete(dist))
  assert.equal((await readdir(path.join(dist, 'assets'))).length, 6)
})

test('while a build is published, dist always serves a complete bundle', async (t) => {
  const { root, dist } = await workspace(t)
  await bundle(dist, 'B')
  await bundle(path.join(root, 'next'), 'C')
  let done = false
  const publishing = publish(path.join(root, 'next'), dist).finally(() => {
    done = true
  })
  let looks = 0
  while (!done) {
    assert.ok(complete(dist), `incomplete after ${looks} looks`)
    looks += 1
    await new Promise((resolve) => setImmediate(resolve))
  }
  await publishing
  assert.ok(looks > 1, 'the check ran while publishing')
  assert.ok(complete(dist))
})

test('two builds published at once leave one whole bundle', async (t) => {
  const { root, dist } = await workspace(t)
  await bundle(dist, 'A')
  await Promise.all(['B', 'C'].map((tag) => bundle(path.join(root, `next-${tag}`), tag)))
  await Promise.all(['B', 'C'].map((tag) => publish(path.join(root, `next-${tag}`), dist)))
  assert.ok(complete(dist))
  assert.deepEqual((await readdir(root)).sort(), ['dist'])
})

test('a lock left by a build that died does not block the next one', async (t) => {
  const { root, dist } = await workspace(t)
  await bundle(dist, 'A')
  await mkdir(`${dist}.lock`)
  await writeFile(path.join(`${dist}.lock`, 'pid'), '999999999') // no such process
  await bundle(path.join(root, 'next'), 'B')
  await publish(path.join(root, 'next'), dist)
  assert.match(readFileSync(path.join(dist, 'index.html'), 'utf8'), /app-B\.js/)
  assert.ok(!existsSync(`${dist}.lock`))
})
