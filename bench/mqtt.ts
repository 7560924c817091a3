/**
 * The `mqtt` bench: 10,000 readings/s published over MQTT (QoS 1) to a real mosquitto, subscribed
 * by the IOC, stored, folded into the live state and pushed to a real Chromium page holding a
 * Socket.IO client. Beside it, in the same run: the same load posted over HTTP (the ingest's own
 * path without MQTT, the ceiling of what the connector can add to) and mosquitto passing the same
 * messages to a plain subscriber (the broker's ceiling).
 *
 * Latency of a reading = time its delta reaches the page − time it was published. A delta carries
 * a cell's latest value and the id of the observation that last changed it; readings of one cell
 * are published in time order, so a delta naming reading n delivers every earlier reading of that cell.
 */
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Delta } from '@cityioc/contracts';
import { launchChromium } from '../test-support/browser.ts';
import { startMosquitto } from '../test-support/mosquitto.ts';
import { PROCESS_TOKENS } from '../test-support/server-process.ts';
import type { BenchDeps } from './bench-server.ts';
import cells from './mqtt-cells.json' with { type: 'json' };

export type MqttBenchDeps = Pick<BenchDeps, 'root' | 'quick' | 'key' | 'results' | 'startServer' | 'quantile' | 'fmt'>;

/** The stations the MQTT bench publishes for (a station of each kind in several communes), and each one's value range. */
const CELLS: readonly { station: string; area: string; indicator: string; lo: number; hi: number }[] = cells;
const SCOPES = [...new Set(CELLS.map((c) => c.area))];
const T = Date.parse('2026-11-22T07:00:00+07:00');

/** One delivery path's figures: readings sent and delivered, delivery rate and latency. */
interface PathFigures {
  sent: number;
  delivered: number;
  throughputPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** The rate the driver managed to send at. */
  sendRate?: number;
}

interface Reading {
  id: string;
  station: string;
  area: string;
  indicator: string;
  value: number;
  observedAt: string;
}

let serial = 0;
function reading(prefix: string): { r: Reading; cell: number; n: number } {
  const n = serial++;
  const cell = n % CELLS.length;
  const c = CELLS[cell]!;
  const value = Math.round((c.lo + (((n * 7919) % 1000) / 1000) * (c.hi - c.lo)) * 10) / 10;
  return {
    r: {
      id: `${prefix}-${n}`,
      station: c.station,
      area: c.area,
      indicator: c.indicator,
      value: Math.min(c.hi, value),
      observedAt: new Date(T + n).toISOString(),
    },
    cell,
    n,
  };
}

/** Sends `rate` readings/s for `seconds` in batches every 10 ms; returns per-cell publish times by reading number. */
async function drive(rate: number, seconds: number, prefix: string, send: (batch: Reading[]) => Promise<void>) {
  const sentAt = new Map<string, number>();
  const perBatch = Math.max(1, Math.round(rate / 100));
  const t0 = Date.now();
  const inflight: Promise<void>[] = [];
  let total = 0;
  for (let tick = 0; Date.now() - t0 < seconds * 1000; tick++) {
    const wait = t0 + tick * 10 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const batch: Reading[] = [];
    const now = Date.now();
    for (let i = 0; i < perBatch; i++) {
      const x = reading(prefix);
      sentAt.set(x.r.id, now);
      batch.push(x.r);
    }
    total += batch.length;
    inflight.push(send(batch));
  }
  await Promise.all(inflight);
  return { sentAt, total, sendSeconds: (Date.now() - t0) / 1000, t0 };
}

async function openPage(url: string) {
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${url}/healthz`);
  return { browser, page };
}

export async function benchMqtt(d: MqttBenchDeps): Promise<void> {
  const rate = 10_000;
  const seconds = d.quick ? 5 : 15;
  const broker = await startMosquitto({ maxQueued: 1_000_000 });
  const server = await d.startServer({
    IOC_MQTT_URL: broker.url,
    IOC_MQTT_TOPICS: 'bench/readings',
    IOC_MQTT_CLIENT_ID: `ioc-bench-${process.pid}`,
    IOC_TICK_MS: '250',
  });
  const { browser, page } = await openPage(server.url);
  const out: Record<string, unknown> = { targetRate: rate, seconds, readingsPerMessage: 100, client: 'Chromium (real) with the Socket.IO client' };
  /** Each path's figures, as printed (and in `out`). */
  const figures: Partial<Record<'mqtt' | 'http' | 'brokerPassThrough', PathFigures>> = {};
  try {
    await page.addScriptTag({ path: join(d.root, 'node_modules/socket.io-client/dist/socket.io.min.js') });
    const seen: [string, string, number][] = [];
    await page.exposeFunction('report', (batch: [string, string, number][]) => seen.push(...batch));
    await page.evaluate(
      ({ url, scopes, token }) =>
        new Promise<void>((resolve) => {
          const w = window as unknown as {
            io: (u: string, o: unknown) => { on: (e: string, f: (d: Delta) => void) => void; emit: (...a: unknown[]) => void };
            report: (b: [string, string, number][]) => void;
          };
          const buf: [string, string, number][] = [];
          const s = w.io(url, { auth: { protocol: 1, token }, transports: ['websocket'] });
          s.on('deltaV1', (dl: Delta) => {
            const at = Date.now();
            for (const c of dl.changes) if (c.station) buf.push([c.key, c.eventId, at]);
          });
          setInterval(() => buf.length && w.report(buf.splice(0)), 200);
          s.on('connect', () => s.emit('subscribeV1', scopes, () => resolve()));
        }),
      { url: server.url, scopes: SCOPES, token: PROCESS_TOKENS.leader },
    );

    /** Latency of every reading from the deltas that reached the page. */
    const measure = (prefix: string, sentAt: Map<string, number>, total: number, t0: number) => {
      const lat: number[] = [];
      let last = 0;
      const doneUpTo = new Map<string, number>();
      const byCell = new Map<string, number[]>();
      for (const [id] of sentAt) {
        const n = Number(id.slice(prefix.length + 1));
        const c = CELLS[n % CELLS.length]!;
        const key = `${c.area}|${c.station}|${c.indicator}`;
        (byCell.get(key) ?? byCell.set(key, []).get(key)!).push(n);
      }
      for (const [key, eventId, at] of seen) {
        if (!eventId.startsWith(`${prefix}-`)) continue;
        const upTo = Number(eventId.slice(prefix.length + 1));
        const list = byCell.get(key) ?? [];
        let i = doneUpTo.get(key) ?? 0;
        while (i < list.length && list[i]! <= upTo) {
          lat.push(Math.max(0, at - sentAt.get(`${prefix}-${list[i]}`)!));
          i++;
          last = Math.max(last, at);
        }
        doneUpTo.set(key, i);
      }
      const delivered = lat.length;
      return {
        sent: total,
        delivered,
        throughputPerS: Math.round(delivered / ((last - t0) / 1000)),
        p50Ms: d.quantile(lat, 0.5),
        p99Ms: d.quantile(lat, 0.99),
      };
    };

    const postBatch = async (batch: Reading[]) => {
      const res = await fetch(`${server.url}/api/v1/observations/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': d.key },
        body: JSON.stringify({ observations: batch }),
      });
      if (res.status !== 200) throw new Error(`HTTP batch answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      await res.arrayBuffer();
    };
    // warm-up (not measured): JIT, SQLite page cache, the socket
    await drive(rate, 3, 'warm', postBatch);
    await new Promise((r) => setTimeout(r, 1000));

    // 1. ceiling: the same readings over HTTP batches into the same server and page
    {
      const prefix = 'http';
      const run = await drive(rate, seconds, prefix, postBatch);
      await new Promise((r) => setTimeout(r, 1500));
      out.http = figures.http = { ...measure(prefix, run.sentAt, run.total, run.t0), sendRate: Math.round(run.total / run.sendSeconds) };
    }

    // 2. MQTT end to end: publisher → mosquitto → IOC subscriber → store → live → Socket.IO → Chromium
    {
      const prefix = 'mq';
      const pub = await mqtt.connectAsync(broker.url, { clientId: `bench-pub-${process.pid}` });
      const run = await drive(rate, seconds, prefix, async (batch) => {
        await pub.publishAsync('bench/readings', JSON.stringify(batch.map(({ area: _a, ...r }) => r)), { qos: 1 });
      });
      // wait until the IOC has stored everything (it acknowledges after each commit) or 60 s
      const end = Date.now() + 60_000;
      for (;;) {
        const h = (await (await fetch(`${server.url}/api/v1/feeds/health`, { headers: { authorization: `Bearer ${PROCESS_TOKENS.leader}` } })).json()) as {
          feeds: { id: string; accepted: number; rejected: number; errors: number }[];
        };
        const f = h.feeds.find((x) => x.id === 'mqtt')!;
        if (f.accepted + f.rejected >= run.total || Date.now() > end) {
          out.mqttFeed = { accepted: f.accepted, rejected: f.rejected, errors: f.errors };
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 1500));
      out.mqtt = figures.mqtt = { ...measure(prefix, run.sentAt, run.total, run.t0), sendRate: Math.round(run.total / run.sendSeconds) };
      await pub.endAsync();
    }

    // 3. broker ceiling: mosquitto passing the same messages to a plain subscriber
    {
      const sub = await mqtt.connectAsync(broker.url, { clientId: `bench-sub-${process.pid}`, clean: true });
      const lat: number[] = [];
      let got = 0;
      let last = 0;
      sub.on('message', (_t, payload) => {
        const now = Date.now();
        const list = JSON.parse(payload.toString()) as { s: number; k: number }[];
        for (const x of list) lat.push(now - x.s);
        got += list.length;
        last = now;
      });
      await sub.subscribeAsync('bench/pass', { qos: 1 });
      const pub = await mqtt.connectAsync(broker.url, { clientId: `bench-pub2-${process.pid}` });
      const t0 = Date.now();
      const run = await drive(rate, seconds, 'pass', async (batch) => {
        const s = Date.now();
        await pub.publishAsync('bench/pass', JSON.stringify(batch.map((r, k) => ({ ...r, s, k }))), { qos: 1 });
      });
      const end = Date.now() + 30_000;
      while (got < run.total && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      out.brokerPassThrough = figures.brokerPassThrough = {
        sent: run.total,
        delivered: got,
        throughputPerS: Math.round(got / ((last - t0) / 1000)),
        p50Ms: d.quantile(lat, 0.5),
        p99Ms: d.quantile(lat, 0.99),
      };
      await pub.endAsync();
      await sub.endAsync();
    }

    d.results.mqtt = out;
    const line = (name: string, x: PathFigures) =>
      `${name}: ${d.fmt(x.throughputPerS)} readings/s delivered (${d.fmt(x.delivered)}/${d.fmt(x.sent)}), p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms`;
    console.log(`mqtt → browser at ${d.fmt(rate)} readings/s (100 per message, QoS 1, tick 250 ms):`);
    console.log(`  ${line('MQTT end to end       ', figures.mqtt!)}`);
    console.log(`  ${line('ceiling: HTTP batches ', figures.http!)}`);
    console.log(`  ${line('ceiling: broker only  ', figures.brokerPassThrough!)}`);
  } finally {
    await browser.close();
    await server.stop();
    await broker.stop();
  }
}
