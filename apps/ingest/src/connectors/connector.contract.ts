/**
 * The conformance suite every connector passes (like store/store.contract.ts for stores).
 * A connector's integration test supplies a harness that starts a real app with the connector
 * configured and the real peer (broker, context broker), and delivers readings over the
 * connector's own transport.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Cell, FeedHealthResponse } from '@cityioc/contracts';
import { waitUntil as waitFor } from '../../../../test-support/wait.ts';
import { AS } from '../../test/helpers/build-test-app.ts';

export interface ContractReading {
  station: string;
  area: string;
  indicator: string;
  value: number;
  /** RFC 3339 with an offset */
  observedAt: string;
}

export interface ConnectorRun {
  app: FastifyInstance;
  /** The feed-health id this connector reports under for what the harness sends. */
  feedId: string;
  /** Delivers one reading over the connector's transport (publish, notification …). */
  deliver(r: ContractReading): Promise<void>;
  /** Delivers one malformed message (not JSON, wrong types, unknown station …). */
  deliverMalformed(): Promise<void>;
  teardown(): Promise<void>;
}

export interface ConnectorHarness {
  name: string;
  start(): Promise<ConnectorRun>;
  /** A reading at a station/indicator the connector can carry; `n` varies the value and time. */
  reading(n: number): ContractReading;
}

/** The tests' one polling helper (test-support/wait.ts), under the name the connector tests use. */
export { waitFor };

async function feed(app: FastifyInstance, id: string) {
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/feeds/health' });
  expect(res.statusCode).toBe(200);
  return (res.json() as FeedHealthResponse).feeds.find((f) => f.id === id);
}

async function cell(app: FastifyInstance, r: ContractReading): Promise<Cell | undefined> {
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: `/api/v1/snapshot/${r.area}` });
  return (res.json() as { cells: Cell[] }).cells.find((c) => c.station === r.station && c.indicator === r.indicator);
}

export function connectorContract(h: ConnectorHarness): void {
  describe(`connector contract: ${h.name}`, () => {
    let run: ConnectorRun;
    beforeEach(async () => {
      run = await h.start();
    });
    afterEach(async () => {
      await run.teardown();
    });

    it('[C1] starts and stops cleanly, reporting its feed before anything arrived', async () => {
      const f = await feed(run.app, run.feedId);
      expect(f).toMatchObject({ lastSeen: null, status: 'never', accepted: 0, errors: 0 });
    });

    it('[C2] an accepted reading reaches the store and the live state exactly once, even when delivered twice', async () => {
      const r = h.reading(1);
      const before = await run.app.ioc.store.count();
      await run.deliver(r);
      await run.deliver(r);
      const f = await waitFor('both deliveries accounted', async () => {
        const x = await feed(run.app, run.feedId);
        return x && x.accepted + x.duplicates >= 2 ? x : null;
      });
      expect(f).toMatchObject({ accepted: 1, duplicates: 1, rejected: 0 });
      expect((await run.app.ioc.store.count()) - before).toBe(1);
      const c = await waitFor('the live cell', () => cell(run.app, r));
      expect(c).toMatchObject({ value: r.value, count: 1 });
    });

    it('[C3] malformed input is counted with its reason, never thrown, and the feed keeps working', async () => {
      await run.deliverMalformed();
      const bad = await waitFor('the error counted', async () => {
        const x = await feed(run.app, run.feedId);
        return x && x.errors + x.rejected >= 1 ? x : null;
      });
      expect(bad.lastErrors.length).toBeGreaterThanOrEqual(1);
      expect(bad.lastErrors[0]!.reason).toMatch(/^[a-z_]+$/);
      const r = h.reading(2);
      await run.deliver(r);
      const c = await waitFor('a valid reading after the bad one', () => cell(run.app, r));
      expect(c.value).toBe(r.value);
    });

    it('[C4] health reports last seen and a rate of messages per minute', async () => {
      for (let i = 3; i < 6; i++) await run.deliver(h.reading(i));
      const f = await waitFor('three readings accepted', async () => {
        const x = await feed(run.app, run.feedId);
        return x && x.accepted >= 3 ? x : null;
      });
      expect(f.status).toBe('live');
      expect(f.lastSeen).not.toBeNull();
      expect(f.ratePerMin).toBeGreaterThanOrEqual(3);
    });
  });
}
