/**
 * Concurrent feed senders against a server process (the process, backup and crash tests): each
 * worker posts batches to /api/v1/observations/batch as fast as the server answers, and every id
 * the server acknowledges (accepted, or a duplicate of one it already holds) is collected. A failed
 * request (no answer, or a status other than 200) ends its worker; it counts as an error only if
 * it came before `halt()`, so a test can stop or kill the server under load and then ask whether
 * anything failed before that.
 */
import type { IngestResponse } from '@cityioc/contracts';

export interface Load {
  /** Every id acknowledged so far. */
  readonly acked: Set<string>;
  /** Requests answered 200 so far. */
  readonly requests: number;
  /** Tells the workers to stop after their current request (from now on a failed request is expected). */
  halt(): void;
  /** Halts, waits for every worker to end, and resolves with the failures that came before the halt. */
  settled(): Promise<unknown[]>;
}

export function startLoad(url: string, key: string, workers: number, batch: (worker: number, n: number) => unknown[]): Load {
  const acked = new Set<string>();
  let requests = 0;
  let halted = false;
  const run = async (w: number): Promise<unknown> => {
    for (let b = 0; !halted; b++) {
      try {
        const r = await fetch(`${url}/api/v1/observations/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ observations: batch(w, b) }),
        });
        if (r.status !== 200) throw new Error(`status ${r.status}: ${await r.text()}`);
        const body = (await r.json()) as IngestResponse;
        requests++;
        for (const x of body.results) if (x.status === 'accepted' || x.status === 'duplicate') acked.add(x.id!);
      } catch (e) {
        return halted ? undefined : e;
      }
    }
    return undefined;
  };
  const running = Array.from({ length: workers }, (_, w) => run(w));
  return {
    acked,
    get requests() {
      return requests;
    },
    halt() {
      halted = true;
    },
    async settled() {
      halted = true;
      return (await Promise.all(running)).filter((e) => e !== undefined);
    },
  };
}

/** One batch of 200 citizen-report counts of phường Ninh Kiều from `agency`, ids `w${worker}-b${n}-${i}`, one second of readings per batch. */
export function reports(worker: number, n: number, agency: string, value: (i: number) => number) {
  return Array.from({ length: 200 }, (_, i) => ({
    id: `w${worker}-b${n}-${i}`,
    indicator: 'citizen_reports_received',
    area: '31135',
    agency,
    observedAt: new Date(Date.parse('2026-11-22T00:00:00Z') + n * 1000 + i).toISOString(),
    value: value(i),
  }));
}
