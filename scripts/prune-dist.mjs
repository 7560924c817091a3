#!/usr/bin/env node
// Removes from each compiled project's dist/ the outputs whose source is gone (a file renamed,
// moved or deleted): `tsc -b` writes outputs but never deletes stale ones, and a stale module can
// still be loaded (the connector registry imports every connectors/<name>/index.js it finds).
// Run after `tsc -b tsconfig.build.json` (pnpm build, scripts/ioc.mjs, the tests' global setup).
import { existsSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PROJECTS = ['packages/contracts', 'packages/domain', 'apps/ingest', 'apps/simulator'];

/** The sources an output may come from: x.js, x.d.ts, x.js.map … ← x.ts or x.tsx; x.json ← x.json. */
function sourcesOf(out) {
  if (out.endsWith('.json')) return [out];
  const base = out.replace(/(\.d)?\.(js|ts)(\.map)?$/, '');
  return [`${base}.ts`, `${base}.tsx`];
}

function prune(dir, src, removed) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      prune(path, join(src, e.name), removed);
      if (readdirSync(path).length === 0) rmdirSync(path);
    } else if (!e.name.startsWith('.') && !sourcesOf(join(src, e.name)).some((s) => existsSync(s))) {
      rmSync(path);
      removed.push(relative(root, path));
    }
  }
}

const removed = [];
for (const p of PROJECTS) {
  const dist = join(root, p, 'dist');
  if (existsSync(dist)) prune(dist, join(root, p, 'src'), removed);
}
if (removed.length > 0)
  console.log(`[build] removed ${removed.length} stale output(s) from dist/: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', …' : ''}`);
