// Bundle src/ into dist/: hashed assets under dist/assets, and dist/index.html pointing at them.
// Everything the browser loads comes from the app itself (no CDN, system fonts only).
// The bundle is built in a sibling folder and then published (publish.mjs), so a server
// running meanwhile keeps serving a complete bundle, the old one until the new one is whole.
import { build } from 'esbuild'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { publish } from './publish.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.join(here, 'dist')
const staged = `${dist}.build-${process.pid}` // a sibling: renames into dist stay on one file system
const ASSET_URL = '/ui/assets/'

await rm(staged, { recursive: true, force: true })
await mkdir(path.join(staged, 'assets'), { recursive: true })
try {
  const { script, styles } = await bundleInto(staged)
  await publish(staged, dist)
  console.log(`review_ui: built dist/index.html with ${script} and ${styles}`)
} finally {
  await rm(staged, { recursive: true, force: true })
}

/** esbuild's output, gzipped twins and index.html, all inside `out`. */
async function bundleInto(out) {
  const result = await build({
    entryPoints: { app: path.join(here, 'src/main.js'), styles: path.join(here, 'src/styles.css') },
    bundle: true,
    format: 'esm',
    // Code only some pages need (the province's chart library) loads on demand, in chunks of its own.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    minify: true,
    sourcemap: true,
    target: ['chrome90', 'edge90', 'firefox90', 'safari15'], // school PCs' Chromium-based browsers, iOS 15+
    outdir: path.join(out, 'assets'),
    entryNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'linked',
  })

  const outputs = Object.keys(result.metafile.outputs).map((p) => path.basename(p))
  const find = (prefix, ext) => outputs.find((name) => name.startsWith(prefix) && name.endsWith(ext))
  const script = find('app-', '.js')
  const styles = find('styles-', '.css')
  if (!script || !styles) throw new Error(`build produced no app bundle: ${outputs.join(', ')}`)

  const chunks = outputs.filter((name) => name.startsWith('chunk-') && (name.endsWith('.js') || name.endsWith('.css')))
  // Gzipped twins: the app sends them to browsers that accept gzip (slow school networks).
  for (const name of [script, styles, ...chunks]) {
    const file = path.join(out, 'assets', name)
    await writeFile(`${file}.gz`, gzipSync(await readFile(file), { level: 9 }))
  }

  const template = await readFile(path.join(here, 'index.html'), 'utf8')
  const page = template
    .replace('%STYLES%', ASSET_URL + styles)
    .replace('%SCRIPT%', ASSET_URL + script)
    // Chunks load on demand; naming them here keeps publish.mjs from sweeping them as stale.
    .replace('</head>', `${chunks.map((name) => `  <!-- chunk: ${ASSET_URL}${name} -->\n`).join('')}</head>`)
  await writeFile(path.join(out, 'index.html'), page)
  return { script, styles }
}
