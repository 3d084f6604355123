// After `vite build`: writes a .gz sibling next to every compressible file in dist (the server sends it
// to clients that accept gzip), then checks the public portal's first-load JavaScript against its budget.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, extname } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = process.argv[2] || 'dist'
const compressible = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.map', '.mjs'])
const budgetBytes = 300 * 1024

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

let count = 0
for (const path of files(dist)) {
  if (!compressible.has(extname(path))) continue
  const raw = readFileSync(path)
  const gz = gzipSync(raw, { level: 9 })
  if (gz.length < raw.length) {
    writeFileSync(path + '.gz', gz)
    count++
  }
}
console.log(`gzip: wrote ${count} .gz files in ${dist}`)

// The portal's first load, for each of its pages opened directly: the entry chunk, the portal layout and the
// page, with everything they import statically (CSS is not counted: the budget is for JavaScript).
const manifestPath = join(dist, '.vite', 'manifest.json')
if (existsSync(manifestPath)) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  let over = false
  for (const page of ['PortalHome', 'PortalSubmit', 'PortalTrack', 'PortalNumbers']) {
    const seen = new Set()
    const visit = (key) => {
      const chunk = manifest[key]
      if (!chunk || seen.has(key)) return
      seen.add(key)
      for (const dep of chunk.imports || []) visit(dep)
    }
    for (const key of ['index.html', 'src/portal/PortalLayout.vue', `src/portal/${page}.vue`]) {
      if (!manifest[key]) throw new Error(`gzip: ${key} is not in the build manifest`)
      visit(key)
    }
    let total = 0
    for (const key of seen) {
      const file = join(dist, manifest[key].file)
      if (file.endsWith('.js')) total += gzipSync(readFileSync(file), { level: 9 }).length
    }
    console.log(`portal first load (${page}): ${seen.size} chunks, ${(total / 1024).toFixed(1)} KB of JavaScript gzip (budget 300 KB)`)
    if (total > budgetBytes) over = true
  }
  if (over) {
    console.error('the portal is over its budget: keep staff pages and ECharts out of the portal chunks')
    process.exit(1)
  }
}
