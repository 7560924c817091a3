/**
 * The wall's feed-health panel in a real Chromium against the built dashboard and a real ingest
 * process subscribed to a real mosquitto, with NGSI-LD notifications posted over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { startMosquitto, type Mosquitto } from '../../../test-support/mosquitto.ts';
import type { ServerProcess } from '../../../test-support/server-process.ts';
import { openE2e, type E2e } from './support/e2e.ts';

const KEY = 'e2e-ngsi-source-key-0123456789';
let broker: Mosquitto;
let e2e: E2e;
let server: ServerProcess;
let page: Page;
let pub: MqttClient;
const pageErrors: string[] = [];
const MARKUP = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  broker = await startMosquitto();
  e2e = await openE2e({
    pageErrors,
    env: { IOC_API_KEYS: `ngsi-ld:${KEY}`, IOC_MQTT_URL: broker.url, IOC_MQTT_CLIENT_ID: `ioc-e2e-${process.pid}` },
  });
  server = e2e.server;
  pub = await mqtt.connectAsync(broker.url, { clientId: `e2e-pub-${process.pid}` });
  page = await e2e.newPage({ as: 'leader' });
});

afterAll(async () => {
  await pub?.endAsync();
  await e2e?.close();
  await broker?.stop();
});

describe('feed-health panel', () => {
  it('lists the MQTT and NGSI-LD feeds, Vietnamese first, with refusals shown as text only', async () => {
    await pub.publishAsync('cantho/wl-can-tho/water_level', JSON.stringify({ value: 176, observedAt: new Date().toISOString() }), { qos: 1 });
    const res = await fetch(`${server.url}/api/v1/ngsi-ld/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ type: 'Notification', data: [{ id: 'urn:ngsi-ld:X:1', type: MARKUP }] }),
    });
    expect(res.status).toBe(200);
    await page.goto(`${server.url}/?scene=overview`);
    const mqttRow = page.locator('[data-testid="feed-mqtt"]');
    await expect.poll(() => mqttRow.getAttribute('data-status'), { timeout: 20_000 }).toBe('live');
    expect(await mqttRow.textContent()).toContain('Đang nhận');
    expect(await mqttRow.textContent()).toContain('tin/phút');
    const ngsi = page.locator('[data-testid="feed-ngsi-ld:ngsi-ld"]');
    await expect.poll(() => ngsi.getAttribute('data-status'), { timeout: 20_000 }).toBe('live');
    expect(await ngsi.textContent()).toContain('1 lỗi');
    expect(await ngsi.getAttribute('title')).toContain(MARKUP);
    expect(await page.locator('[data-testid="feeds-panel"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('colours a road segment on the wall map by the speed of an NGSI-LD TrafficFlowObserved notification', async () => {
    const trafficColor = () =>
      page.evaluate(async () => {
        const map = window.__ioc.map as { getSource(id: string): { getData(): Promise<unknown> } | undefined } | undefined;
        const data = (await map?.getSource('ioc-traffic')?.getData()) as { features: { properties: { id: string; color: string } }[] } | undefined;
        return data?.features.find((f) => f.properties.id === 'tf-cau-can-tho')?.properties.color ?? null;
      });
    // no reading yet: grey
    await expect.poll(trafficColor, { timeout: 20_000 }).toBe('#475569');
    const at = new Date().toISOString();
    const res = await fetch(`${server.url}/api/v1/ngsi-ld/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        type: 'Notification',
        data: [
          {
            id: 'urn:ngsi-ld:TrafficFlowObserved:tf-cau-can-tho',
            type: 'TrafficFlowObserved',
            intensity: { type: 'Property', value: 1500, observedAt: at },
            averageVehicleSpeed: { type: 'Property', value: 12, observedAt: at },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    // 12 km/h: congested (red)
    await expect.poll(trafficColor, { timeout: 20_000 }).toBe('#ef4444');
    expect(await page.locator('[data-testid="legend-traffic"]').textContent()).toContain('Tốc độ giao thông');
  });

  it('lists an HTTP feed source once it posts observations, with its refusals counted', async () => {
    const at = new Date().toISOString();
    const res = await fetch(`${server.url}/api/v1/observations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        observations: [
          { id: 'e2e-http-1', indicator: 'water_level', area: '31135', station: 'wl-can-tho', observedAt: at, value: 170 },
          { id: 'e2e-http-2', indicator: 'water_levl', area: '31135', observedAt: at, value: 1 },
        ],
      }),
    });
    expect(res.status).toBe(422);
    const row = page.locator('[data-testid="feed-http:ngsi-ld"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('live');
    expect(await row.textContent()).toContain('HTTP · ngsi-ld');
    expect(await row.textContent()).toContain('1 lỗi');
  });

  it('marks the MQTT feed disconnected when the broker goes away, and live again when it is back', async () => {
    const row = page.locator('[data-testid="feed-mqtt"]');
    await broker.pause();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000, interval: 500 }).toBe('down');
    expect(await row.textContent()).toContain('Mất kết nối');
    await broker.resume();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000, interval: 500 }).toBe('live');
    expect(pageErrors).toEqual([]);
  });
});
