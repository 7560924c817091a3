import { afterEach } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/env.ts';
import { buildTestApp, T0 } from './build-test-app.ts';
import { openDossierEvents, seededObservations, snapshotsOf } from './replay.ts';

/** What a checkpoint test feeds and reads back: the seed and id prefixes of its load, the scopes it compares. */
export interface CheckpointLoad {
  seed: number;
  idPrefix: string;
  dossierPrefix: string;
  scopes: readonly string[];
}

/**
 * The set-up of the checkpoint tests (checkpoint, checkpoint-concurrent): call it at the top of the
 * file. Apps that checkpoint only when told, each closed after its test (the latest first; its folder
 * is kept, for the app that reopens it), and their seeded load of the hour before T0.
 */
export function checkpointApps(load: CheckpointLoad) {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const closeAfterTest = (app: FastifyInstance) => cleanups.push(async () => app.close());
  return {
    /** A new app on a fresh folder, or on `dataDir` as after a restart. */
    async open(dataDir?: string, overrides: Partial<Config> = {}) {
      const a = await buildTestApp({ checkpointIntervalMs: 0, ...(dataDir ? { dataDir } : {}), ...overrides });
      closeAfterTest(a.app);
      return a;
    },
    /** For an app built otherwise (its own clock). */
    closeAfterTest,
    /** Seeded mixed readings in the hour before T0: station maxima and last values, area sums, ratios; ties on observedAt included. */
    events: (n: number, offset = 0) =>
      seededObservations(n, {
        seed: load.seed,
        idPrefix: load.idPrefix,
        offset,
        observedAt: (r) => new Date(T0 - Math.floor(r * 60) * 60_000).toISOString(),
      }),
    /** Events of open dossiers in three wards: later ones change dossiers that earlier ones opened. */
    dossierEvents: (from: number, n: number) => openDossierEvents(from, n, { idPrefix: load.dossierPrefix, units: ['31135', '31153', '31201'] }),
    snapshots: (app: FastifyInstance) => snapshotsOf(app, load.scopes),
  };
}
