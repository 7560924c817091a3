import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOSSIER_LIVE_INDICATOR_IDS } from '@cityioc/domain';
import { CHECKPOINT_FILE } from '../src/live/checkpoint.ts';
import { checkpointApps } from './helpers/checkpoint-apps.ts';
import { feedAll } from './helpers/replay.ts';

/**
 * A checkpoint is written in chunks across turns of the event loop (live/checkpoint.ts), while the
 * server goes on applying commits. What it holds must be the state of its cut, and nothing applied
 * after it: the tail is replayed from the log at restore.
 */
const { open, events, dossierEvents, snapshots } = checkpointApps({ seed: 11, idPrefix: 'k', dossierPrefix: 'q', scopes: ['92', '31135', '31153', '31201'] });
/** The file without its header line (the header carries the write's time and the body's hash). */
const bodyOf = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return text.slice(text.indexOf('\n') + 1);
};

describe('a checkpoint written while events keep arriving', () => {
  it('holds exactly the state of its cut; restored with the tail it equals a full replay', async () => {
    const a = await open();
    const file = join(a.dataDir, CHECKPOINT_FILE);
    await feedAll(a.app, events(1500), dossierEvents(0, 60));
    // the dossier service publishes derived values into the live state on its own clock (moving its
    // version): held still here, so that only the commits below could change the state
    a.app.ioc.dossiers.stopPublishing();
    // the same state written with nothing arriving: the reference body
    await a.app.checkpointNow();
    const quiet = bodyOf(file);

    let chunks = 0;
    let tailApplied = false;
    await a.app.checkpointNow({
      chunkBytes: 200,
      onChunk: async () => {
        // after the first chunk is on disk, more readings and dossier events are committed and applied
        if (++chunks === 1) {
          await feedAll(a.app, events(1200, 1500), dossierEvents(60, 50));
          tailApplied = true;
        }
      },
    });
    expect(tailApplied).toBe(true);
    // the dossiers' lines went out in many chunks, most of them after the tail was applied
    expect(chunks).toBeGreaterThan(10);
    expect(bodyOf(file)).toBe(quiet);
    const mid = join(a.dataDir, 'mid-checkpoint');
    copyFileSync(file, mid);
    const before = await snapshots(a.app);
    await a.app.close();

    // as after a crash: the checkpoint written during the tail, and the tail in the log
    copyFileSync(mid, file);
    const b = await open(a.dataDir);
    expect(b.app.startup).toMatchObject({ from: 'checkpoint', observations: 1200, dossierEvents: 50 });
    const restored = await snapshots(b.app);
    await b.app.close();

    writeFileSync(file, ''); // unusable: a full replay
    const c = await open(a.dataDir);
    expect(c.app.startup).toMatchObject({ from: 'full-replay', observations: 2700, dossierEvents: 110 });
    const full = await snapshots(c.app);
    expect(restored).toEqual(full);
    // the running server (publication held) and the restarts agree on every observed cell
    const observed = (x: typeof full) => x.map((s) => ({ ...s, cells: s.cells.filter((c) => !DOSSIER_LIVE_INDICATOR_IDS.includes(c.indicator)) }));
    expect(observed(full)).toEqual(observed(before));
  });

  it('a checkpoint requested while one is being written waits for it, then covers what came since', async () => {
    const a = await open();
    const file = join(a.dataDir, CHECKPOINT_FILE);
    await feedAll(a.app, events(300));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = a.app.checkpointNow({ chunkBytes: 256, onChunk: () => held });
    await feedAll(a.app, events(200, 300));
    const second = a.app.checkpointNow();
    release();
    await Promise.all([first, second]);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { observationsSeq: number };
    expect(header.observationsSeq).toBe(500);
  });
});
