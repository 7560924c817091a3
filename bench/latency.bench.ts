/**
 * Issue 16 items 5 and 8: event → client latency, honest. A real socket.io-client in this process
 * (websocket transport, the wall's handshake with a leader's token and the city subscription; not
 * Chromium, to keep the run short) follows the city scope of a real IOC server process while
 * observations are posted:
 *   - light load: one water-level reading every 500 ms (POST /api/v1/observations/batch, one item);
 *   - under load: 10,000 events/s, 100 per batch every 10 ms.
 * Latency runs from the HTTP acknowledgement of the POST to the first delta covering the event
 * (0 when the delta beat the acknowledgement); from the POST being sent, and the IOC's own
 * emit → receive (the delta's serverTime), are reported too. The ceiling, same run, same kind of
 * client: a bare Socket.IO server process (bench/bare-socket-server.ts) emitting the IOC's own
 * deltas, emit → receive: the light delta every 500 ms; the largest coalesced delta of the loaded
 * run once a tick (the IOC's delivery rate); and the light delta 10,000 times a second (a push per event).
 */
import { io } from 'socket.io-client';
import type { Delta } from '@cityioc/contracts';
import { PROCESS_TOKENS } from '../test-support/server-process.ts';
import { startChild } from './child.ts';
import { TODAY_AREAS, type BenchDeps } from './bench-server.ts';
import { showSpread, spread } from './spread.ts';

export type LatencyBenchDeps = Pick<BenchDeps, 'quick' | 'key' | 'results' | 'startServer' | 'quantile' | 'repeat'>;

/** A delta received: the events its cells name (derived cells as `kind:id`), when it arrived, when the server emitted it. */
type Seen = [eventIds: string[], at: number, serverTime: number];
type Acked = [seq: number, ackAt: number, sentAt: number];

function follow(url: string, token: string) {
  const seen: Seen[] = [];
  let sample: Delta | undefined;
  let largest: Delta | undefined;
  const s = io(url, { auth: { protocol: 1, token }, transports: ['websocket'], forceNew: true });
  s.on('deltaV1', (d: Delta) => {
    seen.push([d.changes.map((c) => c.eventId.slice(c.eventId.lastIndexOf(':') + 1)), Date.now(), d.serverTime]);
    if (!sample && d.changes.length > 0) sample = d;
    if (!largest || d.changes.length > largest.changes.length) largest = d;
  });
  const ready = new Promise<void>((resolve, reject) => {
    s.once('connect_error', reject);
    s.once('connect', () => s.emit('subscribeV1', ['92'], () => resolve()));
  });
  return {
    seen,
    ready,
    sample: () => sample,
    largest: () => largest,
    reset: () => {
      seen.length = 0;
      largest = undefined;
    },
    close: () => s.close(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts `perBatch` observations every `everyMs` for `seconds`; returns [seq, ackAt, sentAt] of each acknowledged one. */
async function post(url: string, key: string, make: (n: number) => object, perBatch: number, everyMs: number, seconds: number) {
  const acked: Acked[] = [];
  const seqOf = new Map<string, number>();
  const inflight: Promise<void>[] = [];
  let n = 0;
  const t0 = Date.now();
  for (let k = 0; k * everyMs < seconds * 1000; k++) {
    const wait = t0 + k * everyMs - Date.now();
    if (wait > 0) await sleep(wait);
    const observations = Array.from({ length: perBatch }, () => make(n++));
    const sentAt = Date.now();
    inflight.push(
      fetch(`${url}/api/v1/observations/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ observations }),
      }).then(async (r) => {
        const at = Date.now();
        if (r.status !== 200) throw new Error(`batch answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
        for (const x of ((await r.json()) as { results: { id: string; seq?: number }[] }).results)
          if (x.seq !== undefined) {
            acked.push([x.seq, at, sentAt]);
            seqOf.set(x.id, x.seq);
          }
      }),
    );
  }
  await Promise.all(inflight);
  return { acked, seqOf, rate: n / ((Date.now() - t0) / 1000) };
}

/**
 * ack → the first delta that covers the event (and POST sent → that delta). A delta covers every log
 * position up to the newest event its cells name (live state applies the log in order). Log
 * positions are matched through the events' ids, not the delta's toVersion: derived values (flood
 * band, BĐ levels) advance the live version too, so toVersion runs ahead of the acknowledged seq.
 */
function ackToDelta(acked: Acked[], seen: Seen[], seqOf: Map<string, number>) {
  const deltas = seen
    .map(([ids, at]) => [Math.max(-1, ...ids.map((id) => seqOf.get(id) ?? -1)), at] as const)
    .filter(([covers]) => covers >= 0)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lat: number[] = [];
  const fromSend: number[] = [];
  let early = 0;
  let j = 0;
  for (const [seq, ackAt, sentAt] of [...acked].sort((a, b) => a[0] - b[0])) {
    while (j < deltas.length && deltas[j]![0] < seq) j++;
    if (j === deltas.length) break;
    if (deltas[j]![1] < ackAt) early++;
    lat.push(Math.max(0, deltas[j]![1] - ackAt));
    fromSend.push(deltas[j]![1] - sentAt);
  }
  return { lat, fromSend, early, undelivered: acked.length - lat.length };
}

const T = Date.parse('2026-11-22T07:00:00+07:00');
const AREAS = TODAY_AREAS;

type Q = { p50: number; p99: number; n: number };
interface IocRun {
  light: Q & { early: number; undelivered: number; postToReceive: Q; emitToReceive: Q };
  load: Q & { sentRate: number; deltas: number; early: number; undelivered: number; postToReceive: Q; emitToReceive: Q };
}

/** One run of the IOC: the light schedule, then the loaded one, followed by `c`. */
async function iocRun(d: LatencyBenchDeps, url: string, c: ReturnType<typeof follow>, lightS: number, loadS: number, tickMs: number, q: (xs: number[]) => Q) {
  c.reset();
  const start = Date.now();
  const reading = (n: number) => ({
    id: `lat-light-${start}-${n}`,
    indicator: 'water_level',
    area: '31135',
    station: 'wl-can-tho',
    observedAt: new Date(start + n * 500).toISOString(),
    value: 150 + (n % 20),
  });
  const light = await post(url, d.key, reading, 1, 500, lightS);
  await sleep(tickMs + 500);
  const l = ackToDelta(light.acked, c.seen, light.seqOf);
  const lightOut = { ...q(l.lat), early: l.early, undelivered: l.undelivered, postToReceive: q(l.fromSend), emitToReceive: q(c.seen.map((x) => x[1] - x[2])) };
  c.reset();
  const event = (n: number) => ({
    id: `lat-load-${start}-${n}`,
    indicator: 'citizen_reports_received',
    area: AREAS[n % 9]!,
    agency: `000.00.${String(n % 40).padStart(2, '0')}.H13`,
    observedAt: new Date(T + (n % 3_600_000)).toISOString(),
    value: n % 1000,
  });
  const load = await post(url, d.key, event, 100, 10, loadS);
  await sleep(tickMs + 1000);
  const h = ackToDelta(load.acked, c.seen, load.seqOf);
  const run: IocRun = {
    light: lightOut,
    load: {
      sentRate: Math.round(load.rate),
      deltas: c.seen.length,
      ...q(h.lat),
      early: h.early,
      undelivered: h.undelivered,
      postToReceive: q(h.fromSend),
      emitToReceive: q(c.seen.map((x) => x[1] - x[2])),
    },
  };
  return { run, loadPayload: c.largest()! };
}

/**
 * `repeat` runs; in each, the IOC (light, then loaded) and then the bare server on the same schedules, both processes
 * up for the whole bench. Each run's p99 ratios to the bare server's; min / median / max over the runs.
 */
export async function benchLatencyHonest(d: LatencyBenchDeps, log: (s: string) => void = console.log) {
  const lightS = d.quick ? 10 : 30;
  const loadS = d.quick ? 4 : 10;
  const tickMs = 250;
  const q = (xs: number[]): Q => ({ p50: d.quantile(xs, 0.5), p99: d.quantile(xs, 0.99), n: xs.length });
  const x = (a: number, b: number) => (b > 0 ? +(a / b).toFixed(2) : null);
  const server = await d.startServer({ IOC_TICK_MS: String(tickMs) });
  // the ceiling: a bare socket.io server emitting the IOC's delta to the same kind of client
  const bare = startChild('bare-socket-server.ts');
  let payload: Delta | undefined;
  let loadPayload: Delta | undefined;
  const runs: {
    ioc: IocRun;
    bare: Record<'light' | 'load' | 'perEvent', Q & { emitted: number; rate: number; received: number }>;
    ratios: Record<string, number | null>;
  }[] = [];
  try {
    const { port } = await bare.next<{ port: number }>('ready');
    const c = follow(server.url, PROCESS_TOKENS.leader);
    const b = follow(`http://127.0.0.1:${port}`, 'none');
    await c.ready;
    await b.ready;
    for (let r = 0; r < d.repeat; r++) {
      const got = await iocRun(d, server.url, c, lightS, loadS, tickMs, q);
      const ioc = got.run;
      payload ??= c.sample()!;
      loadPayload = got.loadPayload;
      const bareOut: Record<string, Q & { emitted: number; rate: number; received: number }> = {};
      // light: the IOC's one-reading delta every 500 ms; load: the IOC's largest coalesced delta of the loaded run once a
      // tick (the IOC's own delivery rate), then the one-reading delta 10,000 times a second (a push per event)
      for (const [name, body, perEmit, everyMs, seconds] of [
        ['light', payload, 1, 500, lightS],
        ['load', loadPayload, 1, tickMs, loadS],
        ['perEvent', payload, 100, 10, loadS],
      ] as const) {
        b.reset();
        bare.send({ run: { payload: body, perEmit, everyMs, seconds } });
        const { done } = await bare.next<{ done: number }>('done');
        await sleep(500);
        bareOut[name] = { emitted: done, rate: Math.round(done / seconds), received: b.seen.length, ...q(b.seen.map((s) => s[1] - s[2])) };
      }
      const bo = bareOut as (typeof runs)[number]['bare'];
      runs.push({
        ioc,
        bare: bo,
        ratios: {
          lightAckP99VsTarget: x(ioc.light.p99, 50),
          lightAckP99VsBareP99: x(ioc.light.p99, bo.light.p99),
          lightEmitP99VsBareP99: x(ioc.light.emitToReceive.p99, bo.light.p99),
          loadAckP99VsTarget: x(ioc.load.p99, tickMs + 100),
          loadAckP99VsBareP99: x(ioc.load.p99, bo.load.p99),
          loadEmitP99VsBareP99: x(ioc.load.emitToReceive.p99, bo.load.p99),
        },
      });
      log(
        `  run ${r + 1}: light ack → client p99 ${ioc.light.p99} ms (${ioc.light.n} samples) vs bare emit → receive p99 ${bo.light.p99} ms; ` +
          `load (${ioc.load.sentRate} ev/s) ack → client p99 ${ioc.load.p99} ms vs bare (largest delta once a tick) p99 ${bo.load.p99} ms`,
      );
    }
    c.close();
    b.close();
  } finally {
    bare.stop();
    await server.stop();
  }
  /** A ratio's spread over the runs (runs where the bare p99 was 0 ms have none). */
  const ratioSpread = (k: string) => {
    const xs = runs.map((r) => r.ratios[k]).filter((v): v is number => v !== null && v !== undefined);
    return xs.length ? spread(xs, 2) : null;
  };
  const keys = Object.keys(runs[0]!.ratios);
  const ratios = Object.fromEntries(keys.map((k) => [k, ratioSpread(k)]));
  const med = (f: (r: (typeof runs)[number]) => number) => spread(runs.map(f), 1).median;
  d.results.latency = {
    tickMs,
    payloadBytes: { light: JSON.stringify(payload).length, load: JSON.stringify(loadPayload).length },
    runs,
    ratios,
    lightTargetP99Ms: 50,
    loadTargetP99Ms: tickMs + 100,
  };
  const sp = (k: string) => {
    const r = ratios[k];
    return r ? showSpread(r, 'x') : 'n/a (bare p99 0 ms)';
  };
  log(
    `latency light (1 ev / 500 ms, ${d.repeat} runs of ${lightS} s): ack → client p50 ${med((r) => r.ioc.light.p50)} ms, p99 ${med((r) => r.ioc.light.p99)} ms (medians) ` +
      `= ${sp('lightAckP99VsTarget')} the 50 ms target; POST sent → client p99 ${med((r) => r.ioc.light.postToReceive.p99)} ms; ` +
      `ceiling, bare socket.io emit → receive p99 ${med((r) => r.bare.light.p99)} ms: ack → client p99 = ${sp('lightAckP99VsBareP99')} the bare p99, ` +
      `IOC emit → receive p99 = ${sp('lightEmitP99VsBareP99')}`,
  );
  log(
    `latency load (median ${med((r) => r.ioc.load.sentRate)} ev/s, tick ${tickMs} ms, ${d.repeat} runs of ${loadS} s): ack → client p50 ${med((r) => r.ioc.load.p50)} ms, ` +
      `p99 ${med((r) => r.ioc.load.p99)} ms = ${sp('loadAckP99VsTarget')} the ${tickMs + 100} ms target; ceiling, bare socket.io emitting the IOC's largest ` +
      `delta once a tick p99 ${med((r) => r.bare.load.p99)} ms: ack → client p99 = ${sp('loadAckP99VsBareP99')} it, IOC emit → receive p99 = ` +
      `${sp('loadEmitP99VsBareP99')}; bare socket.io pushing every event (median ${med((r) => r.bare.perEvent.rate)} emits/s): p99 ${med((r) => r.bare.perEvent.p99)} ms`,
  );
}
