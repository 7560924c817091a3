/**
 * The launcher `npm start` runs (scripts/ioc.mjs, `serve`: the same start without the install and
 * build checks) never leaves the server or the simulator behind (issue 13): a SIGTERM, as npm passes
 * on when it is stopped, stops both and the launcher exits 0; a launcher killed outright (SIGKILL)
 * takes them down too.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childPids, processGone, spawnOwned } from '../test-support/owned-process.ts';
import { compiledEnv, ROOT, tempDataDir } from '../test-support/server-process.ts';
import { waitUntil } from '../test-support/wait.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

/** The launcher with the demo on, its simulator kept light (no back-fills, no reporting files). */
function launch(): { launcher: ChildProcess; output: () => string } {
  const data = tempDataDir();
  const launcher = spawnOwned(process.execPath, [join(ROOT, 'scripts/ioc.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...compiledEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      IOC_DATA_DIR: data.dir,
      IOC_DEMO: 'true',
      IOC_DASHBOARD_DIR: '',
      LOG_LEVEL: 'warn',
      SIM_DOSSIER_BACKFILL: '0',
      SIM_HISTORY: '0',
      SIM_REPORTING_DEMO: '0',
      SIM_MONITORING_BACKFILL_H: '0',
      SIM_NGSI_LD: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  launcher.stdout!.on('data', (d) => (out += d));
  launcher.stderr!.on('data', (d) => (out += d));
  cleanup.push(() => data.remove());
  return { launcher, output: () => out };
}

/** The server and the simulator: the launcher's two children, once the simulator has started. */
async function bothChildren(launcher: ChildProcess, output: () => string): Promise<number[]> {
  const pids = await waitUntil(
    'the server and the simulator',
    () => {
      const kids = childPids(launcher.pid!);
      return kids.length === 2 && output().includes('starting the Cần Thơ demo simulator') ? kids : null;
    },
    60_000,
    100,
  );
  cleanup.push(() => pids.filter((p) => !processGone(p)).forEach((p) => process.kill(p, 'SIGKILL')));
  return pids;
}

describe('the launcher (scripts/ioc.mjs)', () => {
  it('passes a SIGTERM to the server and the simulator, waits for both, and exits 0', async () => {
    const { launcher, output } = launch();
    const pids = await bothChildren(launcher, output);
    const exited = new Promise<number | null>((r) => launcher.once('exit', (code) => r(code)));
    launcher.kill('SIGTERM');
    expect(await exited, output()).toBe(0);
    // the launcher waited for them: both are gone when it exits
    expect(pids.filter((p) => !processGone(p))).toEqual([]);
  });

  it('killed outright (SIGKILL), it leaves neither the server nor the simulator running', async () => {
    const { launcher, output } = launch();
    const pids = await bothChildren(launcher, output);
    launcher.kill('SIGKILL');
    await waitUntil('both children gone', () => pids.every(processGone), 15_000, 100);
  });
});
