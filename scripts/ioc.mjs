#!/usr/bin/env node
// The newcomer's entry point. Needs only Node ≥ 20.19 and npm: it finds or fetches pnpm,
// installs the workspace, builds what is out of date (tsc -b for the Node code, Vite for the
// dashboard), then starts, tests or benchmarks. Production runs plain `node` on the emitted JS.
//   npm start        install + build + start the IOC with the Cần Thơ demo on http://localhost:8080
//                    (node apps/ingest/dist/server.js, node apps/simulator/dist/main.js); Ctrl-C or a
//                    signal to npm stops both, and they never outlive the launcher
//   node scripts/ioc.mjs serve    the same start without the install and build checks
//   npm run dev      the TypeScript sources under tsx watch + the Vite dev server
//   npm test         install + build + every test (unit, integration, browser); prints "N passed, N failed"
//   npm run bench    the benchmarks
//   npm run backup | restore | rollups:rebuild -- <args>    the operations scripts, on the emitted JS
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const cmd = process.argv[2] ?? 'start';
const rest = process.argv.slice(3);

function log(msg) {
  console.log(`\x1b[36m[cityioc]\x1b[0m ${msg}`);
}

function run(bin, args, opts = {}) {
  const r = spawnSync(bin, args, { stdio: 'inherit', cwd: root, ...opts, env: { ...process.env, ...opts.env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function pnpm() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}
const [pnpmBin, pnpmPre] = pnpm();
const p = (args, opts) => run(pnpmBin, [...pnpmPre, ...args], opts);

/** better-sqlite3 compiles against Node's headers; Debian's nodejs ships them under /usr/include/node. */
function buildEnv() {
  const env = {};
  if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

function newestMtime(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const f = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(f) : statSync(f).mtimeMs);
  }
  return t;
}

function ensureInstalled() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs && existsSync(join(root, 'node_modules', '.pnpm'))) return;
  log('installing dependencies (first run compiles better-sqlite3, about a minute)…');
  const code = p(['install', '--frozen-lockfile'], { env: buildEnv() });
  if (code !== 0) process.exit(code);
}

/**
 * The Node code (packages, ingest, simulator) compiled by `tsc -b` into each project's dist/,
 * without the outputs of deleted sources (prune-dist.mjs). tsc's own incremental check makes this
 * a second or two when nothing changed.
 */
function ensureBuilt() {
  const code = run(join(root, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json']);
  if (code !== 0) {
    log('the TypeScript build failed (see above)');
    process.exit(code);
  }
  const pruned = run(process.execPath, [join(root, 'scripts/prune-dist.mjs')]);
  if (pruned !== 0) process.exit(pruned);
}

/** Node with the workspace packages resolved to their TypeScript sources (tsx, dev only). */
const SOURCE_CONDITION = '--conditions=@cityioc/source';
const sourceEnv = () => ({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${SOURCE_CONDITION}`.trim() });

function ensureDashboardBuilt(force = false) {
  const dist = join(root, 'apps/dashboard/dist/index.html');
  const src = Math.max(
    newestMtime(join(root, 'apps/dashboard/src')),
    newestMtime(join(root, 'packages')),
    statSync(join(root, 'apps/dashboard/index.html')).mtimeMs,
  );
  if (!force && existsSync(dist) && statSync(dist).mtimeMs >= src) return;
  log('building the dashboard…');
  const code = p(['--filter', '@cityioc/dashboard', 'build']);
  if (code !== 0) process.exit(code);
}

/** util-linux on Linux: a child started through it gets a parent-death signal from the kernel. */
const SETPRIV = '/usr/bin/setpriv';
/** How long the server and the simulator get to stop after a signal before they are killed. */
const STOP_GRACE_MS = 15_000;
/** npm forwards the Ctrl-C the terminal also sent us: a second signal this soon is the same one. */
const ECHO_MS = 1_000;

/**
 * Starts a child of the launcher that never outlives it: in its own process group (so the launcher
 * alone decides what reaches it, and a signal reaches whatever it starts too), and on Linux with a
 * parent-death signal (SIGTERM) through setpriv, so the kernel stops it even if the launcher is
 * killed outright (SIGKILL, a crash) and has no chance to.
 */
function spawnChild(args, opts) {
  const [bin, argv] = existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'SIGTERM', '--', process.execPath, ...args]] : [process.execPath, args];
  return spawn(bin, argv, { cwd: root, detached: true, ...opts });
}

/**
 * The IOC and, with IOC_DEMO (the default), the demo simulator once the IOC is ready. SIGINT and
 * SIGTERM (Ctrl-C, or npm stopped with a signal: npm passes it on) are passed to both process
 * groups; a second signal, or STOP_GRACE_MS without an exit, kills them. The launcher exits when
 * both have exited, with the server's code; it also stops the simulator when the server ends.
 */
function startAll() {
  const demo = !/^(0|false|no|off)$/i.test(process.env.IOC_DEMO ?? 'true');
  const port = process.env.PORT ?? '8080';
  const children = new Set();
  let stopping = null;
  let serverCode = 0;
  const signalAll = (sig) => {
    for (const c of children) {
      try {
        process.kill(-c.pid, sig); // the child's process group
      } catch {
        // already gone
      }
    }
  };
  const stop = (sig) => {
    const now = Date.now();
    if (stopping !== null) {
      if (now - stopping >= ECHO_MS) signalAll('SIGKILL'); // asked twice: no more waiting
      return;
    }
    stopping = now;
    if (children.size === 0) process.exit(serverCode);
    signalAll(sig);
    setTimeout(() => signalAll('SIGKILL'), STOP_GRACE_MS).unref();
  };
  const track = (child) => {
    children.add(child);
    child.on('exit', () => {
      children.delete(child);
      if (children.size === 0 && stopping !== null) process.exit(serverCode);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGTERM'));
  // whatever ends the launcher, nothing of ours is left running
  process.on('exit', () => signalAll('SIGKILL'));

  const server = spawnChild([join(root, 'apps/ingest/dist/server.js')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, PORT: port },
  });
  track(server);
  server.on('message', (m) => {
    if (!m?.ready || stopping !== null) return;
    log(`CityIOC is live: http://localhost:${m.port}  (API: http://localhost:${m.port}/api/v1, health: /readyz)`);
    if (demo) {
      log('starting the Cần Thơ demo simulator (IOC_DEMO=false turns it off)');
      const sim = spawnChild([join(root, 'apps/simulator/dist/main.js')], {
        stdio: 'inherit',
        env: { ...process.env, IOC_URL: process.env.IOC_URL ?? `http://127.0.0.1:${m.port}` },
      });
      track(sim);
    }
  });
  server.on('exit', (code, signal) => {
    serverCode = code ?? (signal ? 1 : 0);
    stop('SIGTERM');
  });
}

function runTests() {
  const out = join(root, '.test-results');
  mkdirSync(out, { recursive: true });
  const report = join(out, 'vitest.json');
  const code = run(join(root, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...rest]);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests ?? 0;
    // a file that fails to load has no failed test of its own: count it as one failure
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
    failed = (r.numFailedTests ?? 0) + brokenFiles;
    skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else failed = 1;
  if (code !== 0 && failed === 0) failed = 1;
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code !== 0 || failed > 0 ? 1 : 0);
}

/** The operations scripts, compiled like the server: `npm run backup -- <file>` runs node apps/ingest/dist/ops/backup.js <file>. */
const OPS = {
  backup: 'apps/ingest/dist/ops/backup.js',
  restore: 'apps/ingest/dist/ops/restore.js',
  'rollups:rebuild': 'apps/ingest/dist/store/rebuild-rollups.js',
};

switch (cmd) {
  case 'start':
    ensureInstalled();
    ensureBuilt();
    ensureDashboardBuilt();
    startAll();
    break;
  case 'serve':
    // what `start` runs once everything is built: no install, no build (production, tests)
    startAll();
    break;
  case 'build':
    ensureInstalled();
    ensureBuilt();
    ensureDashboardBuilt();
    break;
  case 'dev':
    ensureInstalled();
    log('dev: ingest on :8080 (tsx watch on the sources), dashboard on http://localhost:5173 (Vite, proxied to :8080)');
    spawn(join(root, 'node_modules/.bin/tsx'), ['watch', join(root, 'apps/ingest/src/server.ts')], {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, ...sourceEnv() },
    });
    spawn(pnpmBin, [...pnpmPre, '--filter', '@cityioc/dashboard', 'dev'], { stdio: 'inherit', cwd: root });
    break;
  case 'test':
    ensureInstalled();
    ensureBuilt();
    ensureDashboardBuilt();
    runTests();
    break;
  case 'bench':
    ensureInstalled();
    ensureBuilt();
    ensureDashboardBuilt();
    // the bench drives the compiled server (test-support/server-process.ts); its own code runs from source
    process.exit(run(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/run.ts'), ...rest], { env: sourceEnv() }));
    break;
  case 'backup':
  case 'restore':
  case 'rollups:rebuild':
    ensureBuilt();
    process.exit(run(process.execPath, [join(root, OPS[cmd]), ...rest], { cwd: process.cwd() }));
    break;
  default:
    console.error(`unknown command ${cmd}: start | serve | build | dev | test | bench | backup | restore | rollups:rebuild`);
    process.exit(2);
}
