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
import type { BenchDeps } from './bench-server.ts';

export type LatencyBenchDeps = Pick<BenchDeps, 'quick' | 'key' | 'results' | 'startServer' | 'quantile'>;

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
const AREAS = ['31120', '31135', '31147', '31150', '31153', '31157', '31162', '31168', '31174'];

export async function benchLatencyHonest(d: LatencyBenchDeps, log: (s: string) => void = console.log) {
  const lightS = d.quick ? 20 : 60;
  const loadS = d.quick ? 8 : 20;
  const tickMs = 250;
  const q = (xs: number[]) => ({ p50: d.quantile(xs, 0.5), p99: d.quantile(xs, 0.99), n: xs.length });
  const server = await d.startServer({ IOC_TICK_MS: String(tickMs) });
  let payload: Delta;
  let loadPayload: Delta;
  const ioc: Record<string, unknown> = {};
  try {
    const c = follow(server.url, PROCESS_TOKENS.leader);
    await c.ready;
    const start = Date.now();
    const reading = (n: number) => ({
      id: `lat-light-${start}-${n}`,
      indicator: 'water_level',
      area: '31135',
      station: 'wl-can-tho',
      observedAt: new Date(start + n * 500).toISOString(),
      value: 150 + (n % 20),
    });
    const light = await post(server.url, d.key, reading, 1, 500, lightS);
    await sleep(tickMs + 500);
    const l = ackToDelta(light.acked, c.seen, light.seqOf);
    ioc.light = { ...q(l.lat), early: l.early, undelivered: l.undelivered, postToReceive: q(l.fromSend), emitToReceive: q(c.seen.map((x) => x[1] - x[2])) };
    payload = c.sample()!;
    c.reset();
    const event = (n: number) => ({
      id: `lat-load-${start}-${n}`,
      indicator: 'citizen_reports_received',
      area: AREAS[n % 9]!,
      agency: `000.00.${String(n % 40).padStart(2, '0')}.H13`,
      observedAt: new Date(T + (n % 3_600_000)).toISOString(),
      value: n % 1000,
    });
    const load = await post(server.url, d.key, event, 100, 10, loadS);
    await sleep(tickMs + 1000);
    const h = ackToDelta(load.acked, c.seen, load.seqOf);
    loadPayload = c.largest()!;
    ioc.load = {
      sentRate: Math.round(load.rate),
      deltas: c.seen.length,
      ...q(h.lat),
      early: h.early,
      undelivered: h.undelivered,
      postToReceive: q(h.fromSend),
      emitToReceive: q(c.seen.map((x) => x[1] - x[2])),
    };
    c.close();
  } finally {
    await server.stop();
  }
  // the ceiling: a bare socket.io server emitting the IOC's delta to the same kind of client
  const bare = startChild('bare-socket-server.ts');
  const bareOut: Record<string, unknown> = {};
  try {
    const { port } = await bare.next<{ port: number }>('ready');
    const c = follow(`http://127.0.0.1:${port}`, 'none');
    await c.ready;
    // light: the IOC's one-reading delta every 500 ms; load: the IOC's largest coalesced delta of the loaded run once a
    // tick (the IOC's own delivery rate), then the one-reading delta 10,000 times a second (a push per event)
    for (const [name, body, perEmit, everyMs, seconds] of [
      ['light', payload, 1, 500, lightS],
      ['load', loadPayload, 1, tickMs, loadS],
      ['perEvent', payload, 100, 10, loadS],
    ] as const) {
      c.reset();
      bare.send({ run: { payload: body, perEmit, everyMs, seconds } });
      const { done } = await bare.next<{ done: number }>('done');
      await sleep(500);
      bareOut[name] = { emitted: done, rate: Math.round(done / seconds), received: c.seen.length, ...q(c.seen.map((x) => x[1] - x[2])) };
    }
    c.close();
  } finally {
    bare.stop();
  }
  type Q = ReturnType<typeof q>;
  const il = ioc.light as Q & { early: number; postToReceive: Q; emitToReceive: Q };
  const ih = ioc.load as Q & { sentRate: number; deltas: number; postToReceive: Q; emitToReceive: Q };
  const bl = bareOut.light as Q;
  const bh = bareOut.load as Q & { rate: number };
  const bp = bareOut.perEvent as Q & { rate: number; received: number };
  const x = (a: number, b: number) => (b > 0 ? +(a / b).toFixed(2) : null);
  const ratios = {
    lightAckP99VsTarget: x(il.p99, 50),
    lightAckP99VsBareP99: x(il.p99, bl.p99),
    lightEmitP99VsBareP99: x(il.emitToReceive.p99, bl.p99),
    loadAckP99VsTarget: x(ih.p99, tickMs + 100),
    loadAckP99VsBareP99: x(ih.p99, bh.p99),
    loadEmitP99VsBareP99: x(ih.emitToReceive.p99, bh.p99),
  };
  d.results.latency = {
    tickMs,
    payloadBytes: { light: JSON.stringify(payload).length, load: JSON.stringify(loadPayload).length },
    ioc,
    bare: bareOut,
    ratios,
    lightTargetP99Ms: 50,
    loadTargetP99Ms: tickMs + 100,
  };
  log(
    `latency light (1 ev / 500 ms, ${il.n} samples, ${il.early} deltas before the ack): ack → client p50 ${il.p50} ms, p99 ${il.p99} ms ` +
      `(${ratios.lightAckP99VsTarget}× the 50 ms target); POST sent → client p50 ${il.postToReceive.p50}, p99 ${il.postToReceive.p99} ms; ` +
      `IOC emit → receive p50 ${il.emitToReceive.p50}, p99 ${il.emitToReceive.p99} ms; ceiling, bare socket.io emit → receive p50 ${bl.p50}, p99 ${bl.p99} ms`,
  );
  log(
    `latency load (${ih.sentRate} ev/s, tick ${tickMs} ms, ${ih.n} samples): ack → client p50 ${ih.p50} ms, p99 ${ih.p99} ms ` +
      `(${ratios.loadAckP99VsTarget}× the ${tickMs + 100} ms target); POST sent → client p50 ${ih.postToReceive.p50}, p99 ${ih.postToReceive.p99} ms; ` +
      `IOC emit → receive p50 ${ih.emitToReceive.p50}, p99 ${ih.emitToReceive.p99} ms over ${ih.deltas} deltas; ceiling, bare socket.io emitting the ` +
      `IOC's largest delta once a tick: p50 ${bh.p50}, p99 ${bh.p99} ms; bare socket.io pushing every event (${bp.rate} emits/s, ${bp.received} received): ` +
      `p50 ${bp.p50}, p99 ${bp.p99} ms`,
  );
}
