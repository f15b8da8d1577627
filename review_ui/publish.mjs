// Put a freshly built bundle in place of dist/ so that a running server always serves a complete
// one: at every moment dist/index.html exists and every asset it names is there.
//
// The new assets move into dist/assets first (hashed names: they never clash with the served
// ones), then the new index.html replaces the old one by a single rename. Assets of the page
// before stay one generation, for browsers that loaded it just before the swap; older ones go.
// Two builds at once (several people running `make test` in one checkout) take turns through a
// lock directory, so one never deletes the assets the other is about to publish.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

const ASSET_REF = /\/ui\/assets\/([\w.-]+)/g
const LOCK_POLL_MS = 50
const LOCK_WAIT_MS = 120_000

/** The asset names an index.html refers to (empty when there is none). */
export async function referencedAssets(indexFile) {
  let html
  try {
    html = await readFile(indexFile, 'utf8')
  } catch (err) {
    if (err.code === 'ENOENT') return new Set()
    throw err
  }
  return new Set([...html.matchAll(ASSET_REF)].map((m) => m[1]))
}

/** `app-X.js` belongs with its `.gz`, `.map` and `.LEGAL.txt` companions. */
function belongs(name, kept) {
  for (const asset of kept) if (name === asset || name.startsWith(`${asset}.`)) return true
  return false
}

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return err.code === 'EPERM'
  }
}

async function withLock(lock, work) {
  const started = Date.now()
  for (;;) {
    try {
      await mkdir(lock)
      break
    } catch (err) {
      if (err.code !== 'EEXIST') throw err
    }
    const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => '0'))
    if (owner && !alive(owner)) {
      await rm(lock, { recursive: true, force: true }) // left behind by a build that died
      continue
    }
    if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`review_ui: ${lock} is held by process ${owner || '?'}`)
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS))
  }
  try {
    await writeFile(path.join(lock, 'pid'), String(process.pid))
    return await work()
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}

/** Publish the complete build in `staged` (index.html + assets/, a sibling of `dist`) as `dist`. */
export async function publish(staged, dist) {
  await withLock(`${dist}.lock`, async () => {
    const index = path.join(dist, 'index.html')
    const previous = await referencedAssets(index)
    if (!previous.size) {
      // Nothing served yet (or a broken leftover): the whole folder goes in at once.
      const leftover = `${dist}.old-${process.pid}`
      await rename(dist, leftover).catch((err) => {
        if (err.code !== 'ENOENT') throw err
      })
      await rename(staged, dist)
      await rm(leftover, { recursive: true, force: true })
      return
    }
    const assets = path.join(dist, 'assets')
    await mkdir(assets, { recursive: true })
    for (const name of await readdir(path.join(staged, 'assets'))) {
      await rename(path.join(staged, 'assets', name), path.join(assets, name))
    }
    const current = await referencedAssets(path.join(staged, 'index.html'))
    await rename(path.join(staged, 'index.html'), index)
    const kept = new Set([...current, ...previous])
    for (const name of await readdir(assets)) {
      if (!belongs(name, kept)) await rm(path.join(assets, name), { force: true })
    }
    await rm(staged, { recursive: true, force: true })
  })
}
