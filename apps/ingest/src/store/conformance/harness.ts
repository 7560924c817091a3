import { afterEach } from 'vitest';
import type { Alert, NewObservation, Observation } from '@cityioc/contracts';
import { raisedAlert } from '../../../../../test-support/alerts.ts';
import type { NewDossierEvent, NewPaknEvent, NewRating, Store } from '../store.ts';

/** How a Store implementation's test creates, reopens and removes its stores. */
export interface StoreHarness {
  /** A new empty store. */
  create(): Promise<Store>;
  /** Reopens the store last created (after close), as a restart would. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export interface StoreUnderTest {
  /** A new empty store, closed and removed after the test. */
  open(): Promise<Store>;
  /** Closes the store (close is idempotent) and opens it again, as a restart would; also closed after the test. */
  reopen(): Promise<Store>;
  /** Another new empty store beside the first, closed and removed after the test. */
  openAnother(): Promise<Store>;
}

/**
 * The one harness of the conformance suites: call it inside a describe block; every store a test
 * opens through it is closed and its files or database removed after that test.
 */
export function useStore(harness: () => StoreHarness): StoreUnderTest {
  let opened: { h: StoreHarness; store: Store }[] = [];
  afterEach(async () => {
    const done = opened;
    opened = [];
    for (const { h, store } of done.reverse()) {
      await store.close();
      await h.cleanup();
    }
  });
  const open = async () => {
    const h = harness();
    const store = await h.create();
    opened.push({ h, store });
    return store;
  };
  return {
    open,
    openAnother: open,
    async reopen() {
      const current = opened[0];
      if (!current) throw new Error('reopen() before open()');
      await current.store.close();
      current.store = await current.h.reopen();
      return current.store;
    },
  };
}

export const T0 = Date.parse('2026-11-22T07:00:00+07:00');

export function obs(id: string, patch: Partial<NewObservation> = {}): NewObservation {
  return {
    id,
    indicator: 'water_level',
    area: '916',
    agency: null,
    station: 'wl-can-tho',
    observedAt: T0,
    receivedAt: T0 + 1000,
    value: 150,
    numerator: null,
    denominator: null,
    source: 'test',
    ...patch,
  };
}

/** Dossier event `eventId` of dossier D1 at `status`, as received at T0. */
export function dossierEvent(eventId: string, status: 2 | 4 = 2): NewDossierEvent {
  return {
    event: {
      eventId,
      dossierCode: 'D1',
      procedureCode: '1.000494',
      agencyCode: '000.00.01.H13',
      adminUnitCode: '916',
      channel: 2,
      status,
      statusAt: '2026-11-02T08:00:00+07:00',
    },
    receivedAt: T0,
    source: 'test',
  };
}

/** PAKN event `eventId` (a step of petition `paknId`), as received at T0. */
export function paknEvent(eventId: string, step: 'received' | 'answered' = 'received', paknId = 'P1'): NewPaknEvent {
  return { event: { eventId, paknId, step, at: '2026-11-02T08:00:00+07:00', adminUnitCode: '916' }, receivedAt: T0, source: 'test' };
}

/** A dissatisfied rating `ratingId` of `dossierCode`, as received at T0. */
export function rating(ratingId: string, dossierCode = 'D1'): NewRating {
  return { rating: { ratingId, dossierCode, ratedAt: '2026-11-03T08:00:00+07:00', satisfaction: 'dissatisfied' }, receivedAt: T0, source: 'test' };
}

/** Every observation after `from`, through replay. */
export async function all(store: Store, from = 0, batchSize?: number): Promise<Observation[]> {
  const out: Observation[] = [];
  await store.replay(from, (b) => out.push(...b), batchSize);
  return out;
}

/** The flood alert `id` raised at T0 (test-support/alerts.ts), with `patch` over it. */
export function alert(id: string, patch: Partial<Alert> = {}): Alert {
  return raisedAlert(id, T0, patch);
}
