import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { dossierEvent, obs, paknEvent, rating, useStore, type StoreHarness } from './harness.ts';

/** Each log a group-commit writer appends to: two appends (three rows) and a read of its row count. */
function logs(s: Store): { name: string; appendTwice: () => Promise<(number | null)[]>[]; rows: () => Promise<number> }[] {
  const replayed = async (replay: (from: number, onBatch: (b: unknown[]) => void) => Promise<number>) => {
    let n = 0;
    await replay(0, (b) => (n += b.length));
    return n;
  };
  return [
    { name: 'observations', appendTwice: () => [s.append([obs('a'), obs('b')]), s.append([obs('c')])], rows: () => s.count() },
    {
      name: 'dossier events',
      appendTwice: () => [s.appendDossierEvents([dossierEvent('e1'), dossierEvent('e2')]), s.appendDossierEvents([dossierEvent('e3')])],
      rows: () => s.countDossierEvents(),
    },
    {
      name: 'PAKN events',
      appendTwice: () => [s.appendPaknEvents([paknEvent('p1'), paknEvent('p2')]), s.appendPaknEvents([paknEvent('p3')])],
      rows: () => replayed((from, onBatch) => s.replayPaknEvents(from, onBatch)),
    },
    {
      name: 'ratings',
      appendTwice: () => [s.appendRatings([rating('r1'), rating('r2')]), s.appendRatings([rating('r3')])],
      rows: () => replayed((from, onBatch) => s.replayRatings(from, onBatch)),
    },
  ];
}

/** What `StoreInfo.appendCommitsOnCall` promises [ST-C1]: the log writers pipeline their transactions on it. */
export function commitOnCallConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, appends that commit on the call: ${name}`, () => {
    const t = useStore(harness);

    it('[ST-C1] a store whose appends commit on the call shows the rows of every log to a read made before any append resolved, numbered in call order', async () => {
      const s = await t.open();
      let resolved = 0;
      const runs = logs(s).map((log) => {
        const appended = log.appendTwice();
        for (const p of appended) void p.then(() => resolved++);
        // read right after the calls, before anything is awaited
        return { name: log.name, appended, early: log.rows(), rows: log.rows };
      });
      expect(resolved).toBe(0);
      for (const run of runs) {
        const early = await run.early;
        const [first, second] = await Promise.all(run.appended);
        if (s.appendCommitsOnCall) {
          expect(early, run.name).toBe(3);
          expect(first!.at(-1)! < second![0]!, `${run.name}: the later call has the later positions`).toBe(true);
        }
        // every store: durable, and visible, once the promises resolved
        expect(await run.rows(), run.name).toBe(3);
      }
    });
  });
}
