/**
 * Issue 16 items 5 and 8: event → client latency, honest. A real socket.io-client in this process
 * (websocket transport, the wall's handshake and city subscription) follows the city scope of a real
 * IOC server process while observations are posted:
 *   - light load: one water-level reading every 500 ms (POST /api/v1/observations/batch, one item);
 *   - under load: 10,000 events/s, 100 per batch every 10 ms.
 * Latency runs from the HTTP acknowledgement of the POST to the first delta covering its log
 * position (0 when the delta beat the acknowledgement). The ceiling, same run, same kind of client:
 * a bare Socket.IO server process (bench/bare-socket-server.ts) emitting the IOC's own delta at the
 * same schedule (every 500 ms; 100 every 10 ms), emit → receive from the delta's serverTime. The IOC's
 * own emit → receive is reported too, for a like-for-like view of the socket leg.
 */
import { io } from 'socket.io-client';
import type { Delta } from '@cityioc/contracts';
import { PROCESS_TOKENS } from '../test-support/server-process.ts';
import { startChild } from './child.ts';

export interface LatencyBenchDeps {
  quick: boolean;
  key: string;
  results: Record<string, unknown>;
  startServer(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>;
  quantile(xs: number[], q: number): number;
}

type Seen = [version: number, at: number, serverTime: number];
type Acked = [seq: number, ackAt: number, sentAt: number];

function follow(url: string, token: string) {
  const seen: Seen[] = [];
  let sample: Delta | undefined;
  const s = io(url, { auth: { protocol: 1, token }, transports: ['websocket'], forceNew: true });
  s.on('deltaV1', (d: Delta) => {
    seen.push([d.toVersion, Date.now(), d.serverTime]);
    if (!sample && d.changes.length > 0) sample = d;
  });
  const ready = new Promise<void>((resolve, reject) => {
    s.once('connect_error', reject);
    s.once('connect', () => s.emit('subscribeV1', ['92'], () => resolve()));
  });
  return { seen, ready, sample: () => sample, close: () => s.close() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts `perBatch` observations every `everyMs` for `seconds`; returns [seq, ackAt, sentAt] of each acknowledged one. */
async function post(url: string, key: string, make: (n: number) => object, perBatch: number, everyMs: number, seconds: number) {
  const acked: Acked[] = [];
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
        for (const x of ((await r.json()) as { results: { seq?: number }[] }).results) if (x.seq !== undefined) acked.push([x.seq, at, sentAt]);
      }),
    );
  }
  await Promise.all(inflight);
  return { acked, rate: n / ((Date.now() - t0) / 1000) };
}

/** ack → first delta whose toVersion covers the seq (and POST sent → that delta). */
function ackToDelta(acked: Acked[], seen: Seen[]) {
  const deltas = [...seen].sort((a, b) => a[0] - b[0]);
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
    const l = ackToDelta(light.acked, c.seen);
    ioc.light = { ...q(l.lat), early: l.early, undelivered: l.undelivered, postToReceive: q(l.fromSend), emitToReceive: q(c.seen.map((x) => x[1] - x[2])) };
    payload = c.sample()!;
    c.seen.length = 0;
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
    const h = ackToDelta(load.acked, c.seen);
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
    for (const [name, perEmit, everyMs, seconds] of [
      ['light', 1, 500, lightS],
      ['load', 100, 10, loadS],
    ] as const) {
      c.seen.length = 0;
      bare.send({ run: { payload, perEmit, everyMs, seconds } });
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
  const ih = ioc.load as Q & { sentRate: number; postToReceive: Q; emitToReceive: Q };
  const bl = bareOut.light as Q;
  const bh = bareOut.load as Q & { rate: number };
  const x = (a: number, b: number) => (b > 0 ? +(a / b).toFixed(2) : null);
  const ratios = {
    lightAckP99VsBareP99: x(il.p99, bl.p99),
    lightPostP99VsBareP99: x(il.postToReceive.p99, bl.p99),
    lightAckP99VsTarget: x(il.p99, 50),
    loadAckP99VsBareP99: x(ih.p99, bh.p99),
    loadAckP50VsBareP50: x(ih.p50, bh.p50),
    loadAckP99VsTarget: x(ih.p99, tickMs + 100),
  };
  d.results.latency = { tickMs, payloadBytes: JSON.stringify(payload).length, ioc, bare: bareOut, ratios, lightTargetP99Ms: 50, loadTargetP99Ms: tickMs + 100 };
  log(
    `latency light (1 ev / 500 ms, ${il.n} samples, ${il.early} deltas before the ack): ack → client p50 ${il.p50} ms, p99 ${il.p99} ms ` +
      `(${ratios.lightAckP99VsTarget}× the 50 ms target); POST sent → client p50 ${il.postToReceive.p50}, p99 ${il.postToReceive.p99} ms; ` +
      `IOC emit → receive p50 ${il.emitToReceive.p50}, p99 ${il.emitToReceive.p99} ms; ceiling, bare socket.io emit → receive p50 ${bl.p50}, p99 ${bl.p99} ms`,
  );
  log(
    `latency load (${ih.sentRate} ev/s, tick ${tickMs} ms, ${ih.n} samples): ack → client p50 ${ih.p50} ms, p99 ${ih.p99} ms ` +
      `(${ratios.loadAckP99VsTarget}× the ${tickMs + 100} ms target); IOC emit → receive p50 ${ih.emitToReceive.p50}, p99 ${ih.emitToReceive.p99} ms; ` +
      `ceiling, bare socket.io at ${bh.rate} emits/s: p50 ${bh.p50}, p99 ${bh.p99} ms → ack → client p99 = ${ratios.loadAckP99VsBareP99}× the bare p99`,
  );
}
