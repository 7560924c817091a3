import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { CAN_THO_AREAS, CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { forTheFile } from '../../../../test-support/for-the-file.ts';
import { startPostgres } from '../../../../test-support/postgres.ts';
import { MIGRATIONS, openPostgresStore } from './postgres-store.ts';
import { obs, storeConformance } from './store.contract.ts';

// the conformance suite's readings name the old districts: a date-independent tree of the old city
const { ancestorsAndSelf } = indexCatalogue({ ...CAN_THO_CATALOGUE, areas: CAN_THO_AREAS, stations: [] });

// A real PostgreSQL 15 from Debian's package on a free port; each harness gets its own database.
const postgres = forTheFile(startPostgres);
let n = 0;

const harness = () => {
  const name = `conformance_${process.pid}_${++n}`;
  let url: string | undefined;
  return {
    create: async () => {
      url = await postgres().createDatabase(name);
      return openPostgresStore({ url, areaChain: ancestorsAndSelf });
    },
    reopen: async () => openPostgresStore({ url: url!, areaChain: ancestorsAndSelf }),
    cleanup: async () => undefined,
  };
};
storeConformance('postgres (Debian PostgreSQL 15, fsync on)', harness);

describe('postgres store: rollups beyond the shared suite', () => {
  const T0 = Date.parse('2026-11-22T07:00:00+07:00');

  it('[PG-H1] a log written at schema version 1 gets its rollups built once on open (migration 2)', async () => {
    const url = await postgres().createDatabase(`upgrade_${process.pid}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      await c.query(MIGRATIONS[0]!.sql);
      await c.query(`INSERT INTO schema_migrations (version, name) VALUES (1, $1)`, [MIGRATIONS[0]!.name]);
      await c.query(`INSERT INTO meta (key, value) VALUES ('epoch', 'old-epoch')`);
      for (const [id, area, value] of [
        ['u1', '916', 4],
        ['u2', '919', 8],
      ] as const)
        await c.query(
          `INSERT INTO observations (id, indicator, area, station, observed_at, received_at, value, source) VALUES ($1, 'pm25', $2, NULL, $3, $3, $4, 'old')`,
          [id, area, T0, value],
        );
    } finally {
      await c.end();
    }
    const s = await openPostgresStore({ url, areaChain: ancestorsAndSelf });
    try {
      expect(s.epoch).toBe('old-epoch');
      const city = await s.rollups({ grain: 'day', indicator: 'pm25', area: '92', from: 0, to: 8e12 });
      expect(city.map((r) => [r.n, r.sum, r.lastId])).toEqual([[2, 12, 'u2']]);
      await s.append([obs('u3', { indicator: 'pm25', station: null, value: 1 })]);
      const again = await s.rollups({ grain: 'day', indicator: 'pm25', area: '92', from: 0, to: 8e12 });
      expect(again.map((r) => r.n)).toEqual([3]);
    } finally {
      await s.close();
    }
    // reopening does not build them a second time
    const s2 = await openPostgresStore({ url, areaChain: ancestorsAndSelf });
    try {
      expect((await s2.rollups({ grain: 'day', indicator: 'pm25', area: '92', from: 0, to: 8e12 })).map((r) => r.n)).toEqual([3]);
    } finally {
      await s2.close();
    }
  });

  it('[PG-H2] two nodes appending overlapping ids at once count each stored observation once', async () => {
    const url = await postgres().createDatabase(`nodes_${process.pid}`);
    const a = await openPostgresStore({ url, areaChain: ancestorsAndSelf });
    const b = await openPostgresStore({ url, areaChain: ancestorsAndSelf });
    try {
      const batch = (node: number, k: number) =>
        Array.from({ length: 50 }, (_, i) =>
          obs(`n${(k * 50 + i + node * 25) % 400}`, {
            indicator: 'pm25',
            station: null,
            area: i % 2 ? '916' : '919',
            observedAt: T0 + (i % 7) * 60_000,
            value: 1,
          }),
        );
      const results = await Promise.all([
        ...Array.from({ length: 8 }, (_, k) => a.append(batch(0, k))),
        ...Array.from({ length: 8 }, (_, k) => b.append(batch(1, k))),
      ]);
      const stored = results.flat().filter((x) => x !== null).length;
      expect(stored).toBe(await a.count());
      const [city] = await a.rollups({ grain: 'month', indicator: 'pm25', area: '92', from: 0, to: 8e12 });
      expect(city!.n).toBe(stored);
      expect(city!.sum).toBe(stored);
      expect(await a.rebuildRollups()).toBe(stored);
      expect((await b.rollups({ grain: 'month', indicator: 'pm25', area: '92', from: 0, to: 8e12 }))[0]!.n).toBe(stored);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
