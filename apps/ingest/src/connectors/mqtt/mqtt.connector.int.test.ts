import { describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { FeedHealthResponse } from '@cityioc/contracts';
import { forTheFile } from '../../../../../test-support/for-the-file.ts';
import { startMosquitto } from '../../../../../test-support/mosquitto.ts';
import { buildTestApp, T0, AS } from '../../../test/helpers/build-test-app.ts';
import { connectorContract, waitFor, type ContractReading } from '../connector.contract.ts';

const mosquitto = forTheFile(startMosquitto);
let runNo = 0;

async function publisher(): Promise<MqttClient> {
  return mqtt.connectAsync(mosquitto().url, { clientId: `test-pub-${process.pid}-${++runNo}`, reconnectPeriod: 200 });
}

async function startApp(env: Record<string, string> = {}) {
  const t = await buildTestApp(
    {},
    { env: { IOC_MQTT_URL: mosquitto().url, IOC_MQTT_CLIENT_ID: `ioc-test-${process.pid}-${++runNo}`, IOC_MQTT_TOPICS: 'cantho/+station/+indicator', ...env } },
  );
  return t;
}

async function feedHealth(app: Awaited<ReturnType<typeof startApp>>['app']) {
  const res = await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/feeds/health' });
  return (res.json() as FeedHealthResponse).feeds.find((f) => f.id === 'mqtt')!;
}

connectorContract({
  name: 'mqtt (real mosquitto)',
  reading: (n): ContractReading => ({
    station: 'wl-cai-rang',
    area: '31201',
    indicator: 'water_level',
    value: 150 + n,
    observedAt: new Date(T0 - n * 60_000).toISOString(),
  }),
  async start() {
    const t = await startApp();
    const pub = await publisher();
    return {
      app: t.app,
      feedId: 'mqtt',
      deliver: async (r) => {
        await pub.publishAsync(`cantho/${r.station}/${r.indicator}`, JSON.stringify({ value: r.value, observedAt: r.observedAt }), { qos: 1 });
      },
      deliverMalformed: async () => {
        await pub.publishAsync('cantho/wl-cai-rang/water_level', '{"value": 12', { qos: 1 });
      },
      teardown: async () => {
        await pub.endAsync();
        await t.cleanup();
      },
    };
  },
});

describe('MQTT connector against a real mosquitto', () => {
  it('counts and names every kind of malformed message, keeps subscribing, and stores the good readings beside them', async () => {
    const t = await startApp({ IOC_MQTT_TOPICS: 'cantho/+station/+indicator,cantho/readings' });
    const pub = await publisher();
    try {
      const at = new Date(T0).toISOString();
      const sends: [string, string][] = [
        ['cantho/wl-o-mon/water_level', 'not json at all'],
        ['cantho/wl-o-mon/water_level', JSON.stringify({ value: 'high', observedAt: at })],
        ['cantho/wl-o-mon/water_level', JSON.stringify({ value: true, observedAt: at })],
        ['cantho/wl-nowhere/water_level', JSON.stringify({ value: 120, observedAt: at })],
        ['cantho/wl-o-mon/water_level', JSON.stringify({ value: 99_999, observedAt: at })],
        ['cantho/wl-o-mon/water_level', JSON.stringify({ value: 171, observedAt: '2026-11-22T07:00:00' })],
        [
          'cantho/readings',
          JSON.stringify([
            { station: 'aq-ninh-kieu', indicator: 'pm25', value: 33.5, observedAt: at },
            { station: 'aq-ninh-kieu', value: 1 },
          ]),
        ],
      ];
      for (const [topic, payload] of sends) await pub.publishAsync(topic, payload, { qos: 1 });
      const f = await waitFor('all messages accounted', async () => {
        const x = await feedHealth(t.app);
        return x.accepted + x.rejected + x.errors >= 8 ? x : null;
      });
      expect(f).toMatchObject({ accepted: 2, rejected: 1, errors: 5, connected: true });
      expect(f.lastErrors.map((e) => e.reason).sort()).toEqual([
        'boolean_not_number',
        'invalid_json',
        'invalid_value',
        'missing_indicator',
        'range',
        'unknown_station',
      ]);
      // the zone-less time was read as Asia/Ho_Chi_Minh
      const points: number[] = [];
      await t.app.ioc.store.replay(0, (b) => {
        for (const o of b) if (o.station === 'wl-o-mon') points.push(o.observedAt, o.value!);
      });
      expect(points).toEqual([T0, 171]);
    } finally {
      await pub.endAsync();
      await t.cleanup();
    }
  });

  it('refuses a reading dated before 2015 with implausible_date, naming it in the feed health, and stores the good one beside it', async () => {
    const t = await startApp();
    const pub = await publisher();
    try {
      await pub.publishAsync('cantho/wl-o-mon/water_level', JSON.stringify({ value: 150, observedAt: '1970-01-01T00:00:00Z' }), { qos: 1 });
      await pub.publishAsync('cantho/wl-o-mon/water_level', JSON.stringify({ value: 151, observedAt: new Date(T0).toISOString() }), { qos: 1 });
      const f = await waitFor('both readings accounted', async () => {
        const x = await feedHealth(t.app);
        return x.accepted + x.rejected >= 2 ? x : null;
      });
      expect(f).toMatchObject({ accepted: 1, rejected: 1 });
      expect(f.lastErrors.map((e) => e.reason)).toEqual(['implausible_date']);
      const stored: number[] = [];
      await t.app.ioc.store.replay(0, (b) => stored.push(...b.map((o) => o.value!)));
      expect(stored).toEqual([151]);
    } finally {
      await pub.endAsync();
      await t.cleanup();
    }
  });

  it('reconnects after the broker restarts and keeps receiving; the health shows the outage', async () => {
    const t = await startApp();
    try {
      expect((await feedHealth(t.app)).connected).toBe(true);
      await mosquitto().pause();
      await waitFor('disconnect seen', async () => (await feedHealth(t.app)).connected === false);
      await mosquitto().resume();
      await waitFor('reconnected', async () => (await feedHealth(t.app)).connected === true, 15_000);
      // the subscription is renewed on every connect (the restarted broker kept no session)
      const pub = await publisher();
      // published until it arrives (the renewed subscription may lag the reconnect); the same id each time: stored once
      await waitFor('reading after reconnect', async () => {
        await pub.publishAsync('cantho/wl-thot-not/water_level', JSON.stringify({ value: 188, observedAt: new Date(T0).toISOString() }), { qos: 1 });
        return (await feedHealth(t.app)).accepted > 0;
      });
      expect((await feedHealth(t.app)).accepted).toBe(1);
      await pub.endAsync();
    } finally {
      await t.cleanup();
    }
  });

  it('a broker that is down at start does not stop the server; the connector connects when it comes up', async () => {
    await mosquitto().pause();
    let t: Awaited<ReturnType<typeof startApp>> | null = null;
    try {
      const started = startApp();
      setTimeout(() => void mosquitto().resume(), 1000);
      t = await started;
      await waitFor('connected once the broker is up', async () => (await feedHealth(t!.app)).connected === true, 15_000);
    } finally {
      await mosquitto()
        .resume()
        .catch(() => undefined);
      await t?.cleanup();
    }
  });
});
