/**
 * Vitest global setup of the integration and e2e projects: brings the compiled build (tsc -b,
 * each project's dist/) up to date, because the processes these tests start run it with plain
 * `node`, as production does. tsc's incremental check takes a second when nothing changed.
 * A type error does not stop the tests (tsc still emits; `pnpm typecheck` is the gate for it).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server-process.ts';

export default function buildOnce(): void {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.error) throw r.error;
  // tsc -b: 0 built, 2 built with type errors (files emitted), 1 nothing emitted
  if (r.status === 2) console.warn(`[build] type errors (the tests run the emitted code anyway):\n${r.stdout}`);
  else if (r.status !== 0) throw new Error(`tsc -b tsconfig.build.json failed (${r.status}):\n${r.stdout}${r.stderr}`);
  // outputs of deleted sources would still be loaded (the connector registry imports every folder)
  const pruned = spawnSync(process.execPath, [join(ROOT, 'scripts/prune-dist.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (pruned.status !== 0) throw new Error('scripts/prune-dist.mjs failed');
}
