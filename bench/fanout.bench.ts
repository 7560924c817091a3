/**
 * Issue 16 item 6: fan-out at city scale. N Socket.IO clients (websocket transport, the wall's
 * handshake with a leader's token and the city subscription), opened by 2 client processes
 * (bench/socket-clients.ts), follow one IOC node while one water-level reading per second is
 * posted, so every client receives ~1 delta/s. Reported: deltas delivered per second over all
 * clients, delivery lag p50/p99 (receive − the delta's serverTime, stamped when the node emits it)
 * and the server's CPU, beside the same-run ceiling: a bare Socket.IO server process
 * (bench/bare-socket-server.ts) broadcasting the IOC's own delta once a second to as many clients
 * from the same 2 client processes. Both servers stay up for a size and are measured in turns, `--repeat` times: the
 * delivery ratio's min / median / max.
 */
import { io } from 'socket.io-client';
import type { Delta } from '@cityioc/contracts';
import { PROCESS_TOKENS } from '../test-support/server-process.ts';
import { cpuSeconds, startChild, type Child } from './child.ts';
import type { BenchDeps } from './bench-server.ts';
import { inTurns, showSpread, spread } from './spread.ts';

export type FanoutBenchDeps = Pick<BenchDeps, 'quick' | 'key' | 'results' | 'startServer' | 'quantile' | 'fmt' | 'repeat'>;

const PROCS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Side {
  clients: number;
  seconds: number;
  deltasPerS: number;
  perClientPerS: number;
  lagP50Ms: number;
  lagP99Ms: number;
  serverCpuPct: number;
  connectS: number;
}

/** Connects `n` clients from PROCS processes, then measures `emit()` running for `seconds`. */
async function measure(d: FanoutBenchDeps, url: string, token: string, pid: number, n: number, seconds: number, emit: () => Promise<void>): Promise<Side> {
  const kids: Child[] = Array.from({ length: PROCS }, () => startChild('socket-clients.ts'));
  try {
    await Promise.all(kids.map((k) => k.next('started')));
    const c0 = Date.now();
    await Promise.all(
      kids.map((k, i) => {
        k.send({ connect: { url, n: Math.floor(n / PROCS) + (i < n % PROCS ? 1 : 0), token } });
        return k.next('ready');
      }),
    );
    const connectS = (Date.now() - c0) / 1000;
    await sleep(1000);
    const report = () =>
      Promise.all(
        kids.map((k) => {
          k.send({ report: true });
          return k.next<{ received: number; lags: number[] }>('received');
        }),
      );
    await report(); // counters from zero
    const cpu0 = cpuSeconds(pid);
    const t0 = Date.now();
    await emit();
    await sleep(1000); // the last delta's delivery
    const cpu1 = cpuSeconds(pid);
    const wall = (Date.now() - t0) / 1000;
    const got = await report();
    const lags = got.flatMap((g) => g.lags);
    const received = got.reduce((a, g) => a + g.received, 0);
    return {
      clients: n,
      seconds,
      deltasPerS: Math.round(received / seconds),
      perClientPerS: +(received / seconds / n).toFixed(3),
      lagP50Ms: d.quantile(lags, 0.5),
      lagP99Ms: d.quantile(lags, 0.99),
      serverCpuPct: Math.round(((cpu1 - cpu0) / wall) * 100),
      connectS: +connectS.toFixed(1),
    };
  } finally {
    for (const k of kids) k.stop();
  }
}

/** A delta of the IOC's own, as its clients receive it (the bare server's payload). */
export async function sampleDelta(url: string, key: string, start: number): Promise<Delta> {
  const s = io(url, { auth: { protocol: 1, token: PROCESS_TOKENS.leader }, transports: ['websocket'], forceNew: true });
  const got = new Promise<Delta>((resolve) => s.on('deltaV1', (x: Delta) => x.changes.length > 0 && resolve(x)));
  await new Promise<void>((resolve) => s.once('connect', () => s.emit('subscribeV1', ['92'], () => resolve())));
  await postReading(url, key, start, -1);
  const delta = await got;
  s.close();
  return delta;
}

async function postReading(url: string, key: string, start: number, n: number): Promise<void> {
  const r = await fetch(`${url}/api/v1/observations/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({
      observations: [
        {
          id: `fan-${start}-${n}`,
          indicator: 'water_level',
          area: '31135',
          station: 'wl-can-tho',
          observedAt: new Date(start + n * 1000).toISOString(),
          value: 150 + (n % 20),
        },
      ],
    }),
  });
  if (r.status !== 200) throw new Error(`batch answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
}

export async function benchFanout(d: FanoutBenchDeps, argv: readonly string[], log: (s: string) => void = console.log) {
  const arg = argv.find((a) => a.startsWith('--clients='))?.slice(10);
  const sizes = arg?.split(',').map(Number) ?? (d.quick ? [1000, 3000] : [1000, 3000, 10_000]);
  const seconds = d.quick ? 10 : 30;
  const out = [];
  for (const n of sizes) {
    const start = Date.now() + 1000;
    // both servers up for the whole size, measured in turns (the order alternating), `repeat` times
    const server = await d.startServer({ IOC_TICK_MS: '250' });
    const bare = startChild('bare-socket-server.ts');
    let payload: Delta;
    const runs: { ioc: Side; bare: Side; deliveryRatio: number }[] = [];
    try {
      const { port } = await bare.next<{ port: number }>('ready');
      payload = await sampleDelta(server.url, d.key, start);
      let k = 0;
      const iocSide = () =>
        measure(d, server.url, PROCESS_TOKENS.leader, server.pid, n, seconds, async () => {
          const t0 = Date.now();
          for (let s = 0; s < seconds; s++) {
            const wait = t0 + s * 1000 - Date.now();
            if (wait > 0) await sleep(wait);
            await postReading(server.url, d.key, start, k++);
          }
          await sleep(t0 + seconds * 1000 - Date.now());
        });
      const bareSide = () =>
        measure(d, `http://127.0.0.1:${port}`, 'none', bare.proc.pid!, n, seconds, async () => {
          bare.send({ run: { payload, perEmit: 1, everyMs: 1000, seconds } });
          await bare.next('done');
        });
      for (const { figure: ioc, ceiling } of await inTurns(d.repeat, iocSide, bareSide))
        runs.push({ ioc, bare: ceiling, deliveryRatio: +(ioc.deltasPerS / ceiling.deltasPerS).toFixed(3) });
    } finally {
      bare.stop();
      await server.stop();
    }
    const ratio = spread(runs.map((r) => r.deliveryRatio));
    const med = (f: (r: (typeof runs)[number]) => number) => spread(runs.map(f), 0).median;
    out.push({ clients: n, payloadBytes: JSON.stringify(payload).length, runs, deliveryRatio: ratio });
    log(
      `fan-out ${d.fmt(n)} clients (${PROCS} client processes, ${d.repeat} × ${seconds} s): IOC median ${d.fmt(med((r) => r.ioc.deltasPerS))} deltas/s = ` +
        `${showSpread(ratio)} of bare socket.io (median ${d.fmt(med((r) => r.bare.deltasPerS))}/s; target ≥ 80 %); lag p50 ${med((r) => r.ioc.lagP50Ms)} / ` +
        `p99 ${med((r) => r.ioc.lagP99Ms)} ms vs bare ${med((r) => r.bare.lagP50Ms)} / ${med((r) => r.bare.lagP99Ms)} ms (medians; target p99 ≤ 1,000 ms); ` +
        `server CPU ${med((r) => r.ioc.serverCpuPct)} % vs bare ${med((r) => r.bare.serverCpuPct)} % (one core = 100 %)`,
    );
  }
  d.results.fanout = out;
}
