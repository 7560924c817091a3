/**
 * The `mqtt` bench (issue 16 item 8): the SATURATION rate of three delivery paths, same run, same readings:
 *   - MQTT end to end: publisher → real mosquitto (QoS 1) → the IOC's subscriber → store → live state → Socket.IO →
 *     a real Chromium page;
 *   - HTTP batches: the same readings POSTed to /api/v1/observations/batch of the same server, to the same page (the
 *     ingest's own path without MQTT);
 *   - the broker's pass-through: mosquitto handing the same messages to a plain subscriber (the ceiling).
 * Each path is offered an open-loop rate (messages of 100 readings, sent on schedule whatever the answers) in steps
 * of `STEP_S` seconds: doubling from a start rate until a step fails, then bisecting between the last step that held
 * and the first that failed. A step HOLDS when the driver offered ≥ 95 % of the rate and the p99 of publish → screen
 * latency over all its readings (a reading never delivered counts as infinite) is ≤ LAG_BOUND_MS: a path that falls
 * behind builds a queue, and its lag passes the bound. A path's figure is the highest rate that held; the figures are
 * ratios to the broker's pass-through of the same repetition, repeated `--repeat` times (min / median / max).
 * Between steps the path drains (everything delivered), so a step never starts on the previous one's backlog.
 *
 * Latency of a reading = time its delta reaches the page − time it was published. A delta carries a cell's latest
 * value and the id of the observation that last changed it; readings of one cell are published in time order, so a
 * delta naming reading n delivers every earlier reading of that cell.
 */
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Delta } from '@cityioc/contracts';
import { launchChromium } from '../test-support/browser.ts';
import { startMosquitto } from '../test-support/mosquitto.ts';
import { PROCESS_TOKENS } from '../test-support/server-process.ts';
import type { BenchDeps } from './bench-server.ts';
import { LAG_BOUND_MS, saturate, stepOf, type Saturation } from './saturation.ts';
import { showSpread, spread } from './spread.ts';
import cells from './mqtt-cells.json' with { type: 'json' };

export type MqttBenchDeps = Pick<BenchDeps, 'root' | 'quick' | 'key' | 'results' | 'startServer' | 'quantile' | 'fmt' | 'repeat'>;

/** The stations the MQTT bench publishes for (a station of each kind in several communes), and each one's value range. */
const CELLS: readonly { station: string; area: string; indicator: string; lo: number; hi: number }[] = cells;
const SCOPES = [...new Set(CELLS.map((c) => c.area))];
const T = Date.parse('2026-11-22T07:00:00+07:00');
/** Readings per MQTT message and per HTTP batch, whatever the rate. */
const PER_MESSAGE = 100;
/** How long the path may take to deliver a step's last reading before the step counts its readings as lost. */
const DRAIN_MS = 20_000;

interface Reading {
  id: string;
  station: string;
  area: string;
  indicator: string;
  value: number;
  observedAt: string;
}

let serial = 0;
function reading(prefix: string): Reading {
  const n = serial++;
  const c = CELLS[n % CELLS.length]!;
  const value = Math.round((c.lo + (((n * 7919) % 1000) / 1000) * (c.hi - c.lo)) * 10) / 10;
  return {
    id: `${prefix}-${n}`,
    station: c.station,
    area: c.area,
    indicator: c.indicator,
    value: Math.min(c.hi, value),
    observedAt: new Date(T + n).toISOString(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Offers `rate` readings/s for `seconds`, open loop: message k leaves at t0 + k × PER_MESSAGE / rate whatever became
 * of the earlier ones. Returns each reading's publication time and the rate actually offered.
 */
async function drive(rate: number, seconds: number, prefix: string, send: (batch: Reading[]) => Promise<void>) {
  const messages = Math.max(1, Math.round((rate * seconds) / PER_MESSAGE));
  const sentAt = new Map<string, number>();
  const inflight: Promise<void>[] = [];
  const t0 = Date.now();
  let m = 0;
  while (m < messages) {
    const due = Math.min(messages, Math.floor((((Date.now() - t0) / 1000) * rate) / PER_MESSAGE) + 1);
    for (; m < due; m++) {
      const now = Date.now();
      const batch = Array.from({ length: PER_MESSAGE }, () => reading(prefix));
      for (const r of batch) sentAt.set(r.id, now);
      inflight.push(send(batch));
    }
    if (m < messages) await sleep(Math.max(1, t0 + ((m * PER_MESSAGE) / rate) * 1000 - Date.now()));
  }
  const issuedS = Math.max((Date.now() - t0) / 1000, ((messages - 1) * PER_MESSAGE) / rate, 0.001);
  await Promise.all(inflight);
  return { sentAt, total: messages * PER_MESSAGE, offeredPerS: Math.round((messages * PER_MESSAGE) / issuedS), t0 };
}

export async function benchMqtt(d: MqttBenchDeps): Promise<void> {
  const stepS = d.quick ? 2 : 5;
  const bisect = d.quick ? 1 : 2;
  const broker = await startMosquitto({ maxQueued: 1_000_000 });
  const server = await d.startServer({
    IOC_MQTT_URL: broker.url,
    IOC_MQTT_TOPICS: 'bench/readings',
    IOC_MQTT_CLIENT_ID: `ioc-bench-${process.pid}`,
    IOC_TICK_MS: '250',
  });
  const browser = await launchChromium();
  let pub: MqttClient | undefined;
  let sub: MqttClient | undefined;
  try {
    const publisher = (pub = await mqtt.connectAsync(broker.url, { clientId: `bench-pub-${process.pid}` }));
    const subscriber = (sub = await mqtt.connectAsync(broker.url, { clientId: `bench-sub-${process.pid}`, clean: true }));
    // the page is only a harness for the Socket.IO client: the server's CSP (script-src 'self') would block the injected client
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.url}/healthz`);
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
          setInterval(() => buf.length && w.report(buf.splice(0)), 100);
          s.on('connect', () => s.emit('subscribeV1', scopes, () => resolve()));
        }),
      { url: server.url, scopes: SCOPES, token: PROCESS_TOKENS.leader },
    );

    /** Publication → screen latency of every reading of `prefix` (Infinity when no delta covered it). */
    const latencies = (prefix: string, sentAt: Map<string, number>): number[] => {
      const byCell = new Map<string, number[]>();
      for (const [id] of sentAt) {
        const n = Number(id.slice(prefix.length + 1));
        const c = CELLS[n % CELLS.length]!;
        const key = `${c.area}|${c.station}|${c.indicator}`;
        (byCell.get(key) ?? byCell.set(key, []).get(key)!).push(n);
      }
      const lat: number[] = [];
      const doneUpTo = new Map<string, number>();
      for (const [key, eventId, at] of seen) {
        if (!eventId.startsWith(`${prefix}-`)) continue;
        const upTo = Number(eventId.slice(prefix.length + 1));
        const list = byCell.get(key) ?? [];
        let i = doneUpTo.get(key) ?? 0;
        for (; i < list.length && list[i]! <= upTo; i++) lat.push(Math.max(0, at - sentAt.get(`${prefix}-${list[i]}`)!));
        doneUpTo.set(key, i);
      }
      while (lat.length < sentAt.size) lat.push(Infinity);
      return lat;
    };
    /** Waits until every reading of `prefix` is on the page, or DRAIN_MS without it. */
    const drained = async (prefix: string, sentAt: Map<string, number>) => {
      const end = Date.now() + DRAIN_MS;
      while (Date.now() < end && latencies(prefix, sentAt).some((x) => !Number.isFinite(x))) await sleep(100);
      await sleep(200);
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
    const publish = (batch: Reading[]) =>
      publisher.publishAsync('bench/readings', JSON.stringify(batch.map(({ area: _a, ...r }) => r)), { qos: 1 }).then(() => {});
    let k = 0;
    /** One step of an IOC path: drive, wait until the page has everything, read the latencies. */
    const iocStep = (name: string, send: (b: Reading[]) => Promise<void>) => async (rate: number) => {
      const prefix = `${name}${k++}`;
      const run = await drive(rate, stepS, prefix, send);
      await drained(prefix, run.sentAt);
      const step = stepOf(d.quantile, rate, run.total, run.offeredPerS, latencies(prefix, run.sentAt));
      seen.length = 0;
      return step;
    };

    // the plain subscriber of the broker's pass-through: latency from the publication time carried in the message
    let passLat: number[] = [];
    subscriber.on('message', (_t, payload) => {
      const now = Date.now();
      for (const x of JSON.parse(payload.toString()) as { s: number }[]) passLat.push(now - x.s);
    });
    await subscriber.subscribeAsync('bench/pass', { qos: 1 });
    const passStep = async (rate: number) => {
      passLat = [];
      const run = await drive(rate, stepS, 'pass', (batch) => {
        const s = Date.now();
        return publisher.publishAsync('bench/pass', JSON.stringify(batch.map((r) => ({ ...r, s }))), { qos: 1 }).then(() => {});
      });
      const end = Date.now() + DRAIN_MS;
      while (passLat.length < run.total && Date.now() < end) await sleep(50);
      const lat = passLat;
      passLat = [];
      while (lat.length < run.total) lat.push(Infinity);
      return stepOf(d.quantile, rate, run.total, run.offeredPerS, lat);
    };

    // warm-up (not measured): JIT, SQLite page cache, the socket, the subscriptions
    await iocStep('warm', postBatch)(5000);
    await iocStep('warmmq', publish)(5000);
    await passStep(5000);

    const reps: Record<'broker' | 'http' | 'mqtt', Saturation>[] = [];
    for (let i = 0; i < d.repeat; i++) {
      // later repetitions start the ramp a step below the first one's result, to save steps
      const from = (x: Saturation | undefined, dflt: number) => (x && x.rate > 0 ? Math.max(500, Math.round(x.rate / 2 / 100) * 100) : dflt);
      const pass = await saturate(passStep, from(reps[0]?.broker, 10_000), 320_000, bisect);
      const http = await saturate(iocStep('http', postBatch), from(reps[0]?.http, 2500), 320_000, bisect);
      const mq = await saturate(iocStep('mq', publish), from(reps[0]?.mqtt, 2500), 320_000, bisect);
      reps.push({ broker: pass, http, mqtt: mq });
      const show = (s: Saturation) => `${s.limit === 'lag' ? '' : '≥ '}${d.fmt(s.rate)}/s${s.limit === 'driver' ? ' (the driver could offer no more)' : ''}`;
      console.log(`  run ${i + 1}: broker pass-through ${show(pass)}, HTTP batches ${show(http)}, MQTT end to end ${show(mq)}`);
    }
    const ratio = (a: 'http' | 'mqtt', b: 'broker' | 'http') => spread(reps.map((r) => (r[b].rate > 0 ? r[a].rate / r[b].rate : 0)));
    const rates = (p: 'broker' | 'http' | 'mqtt') =>
      spread(
        reps.map((r) => r[p].rate),
        0,
      );
    const out = {
      perMessage: PER_MESSAGE,
      stepSeconds: stepS,
      lagBoundMs: LAG_BOUND_MS,
      client: 'Chromium (real) with the Socket.IO client',
      saturation: { broker: rates('broker'), http: rates('http'), mqtt: rates('mqtt') },
      /** The broker's figure is a lower bound when its ramp stopped at the driver (or the top step) rather than at its lag. */
      brokerLowerBound: reps.some((r) => r.broker.limit !== 'lag'),
      ratios: { mqttVsBroker: ratio('mqtt', 'broker'), httpVsBroker: ratio('http', 'broker'), mqttVsHttp: ratio('mqtt', 'http') },
      runs: reps,
    };
    d.results.mqtt = out;
    const sat = (p: 'broker' | 'http' | 'mqtt') =>
      `median ${d.fmt(out.saturation[p].median)}/s (${d.fmt(out.saturation[p].min)}–${d.fmt(out.saturation[p].max)})`;
    console.log(
      `mqtt saturation (open loop, ${PER_MESSAGE} readings per message, QoS 1, tick 250 ms; a rate holds while p99 publish → screen ≤ ${LAG_BOUND_MS} ms, ${stepS} s steps):`,
    );
    console.log(
      `  ceiling: broker pass-through to a plain subscriber ${sat('broker')}${out.brokerLowerBound ? ' (a lower bound: the driver, not the broker, stopped the ramp)' : ''}`,
    );
    console.log(`  MQTT → IOC → browser ${sat('mqtt')} = ${showSpread(out.ratios.mqttVsBroker)} of the broker's pass-through`);
    console.log(`  HTTP batches → IOC → browser ${sat('http')} = ${showSpread(out.ratios.httpVsBroker)} of the broker's pass-through`);
    console.log(`  MQTT end to end = ${showSpread(out.ratios.mqttVsHttp)} of HTTP batches`);
  } finally {
    await pub?.endAsync();
    await sub?.endAsync();
    await browser.close();
    await server.stop();
    await broker.stop();
  }
}
