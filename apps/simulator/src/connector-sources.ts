import mqtt, { type MqttClient } from 'mqtt';
import type { SimulatorConfig } from './config.ts';
import { mqttAirMessages, ngsiLdNotification } from './feed-sources.ts';
import type { Rng } from './rng.ts';
import type { LogEntry } from './simulator.ts';

export interface ConnectorSources {
  /** Stops the timers and waits for the notifications in flight: nothing is sent after it resolves. */
  stop(): Promise<void>;
}

/**
 * The demo's NGSI-LD source (on by default: it posts to the IOC's own notification endpoint, so it
 * needs no broker) and MQTT source (only when an MQTT broker URL is configured).
 */
export function startConnectorSources(
  cfg: SimulatorConfig,
  deps: { now: () => number; rng: Rng; log: (kind: string, e: LogEntry) => void; fetch?: typeof fetch },
): ConnectorSources {
  const timers: ReturnType<typeof setInterval>[] = [];
  const inFlight = new Set<Promise<void>>();
  let client: MqttClient | null = null;
  let seq = 0;
  const doFetch = deps.fetch ?? fetch;
  if (cfg.ngsiLd) {
    const url = new URL('/api/v1/ngsi-ld/notify', cfg.iocUrl).toString();
    const post = async () => {
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': cfg.apiKey },
          body: JSON.stringify(ngsiLdNotification(deps.now(), deps.rng, ++seq)),
          signal: AbortSignal.timeout(10_000),
        });
        if (!res.ok) deps.log('ngsi-ld', { level: 'warn', msg: 'NGSI-LD notification refused', status: res.status });
      } catch (e) {
        deps.log('ngsi-ld', { level: 'warn', msg: 'NGSI-LD notification failed', error: (e as Error).message });
      }
    };
    const track = () => {
      const p = post().finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    track();
    timers.push(setInterval(track, cfg.monitoringIntervalMs));
  }
  if (cfg.mqttUrl) {
    const c = mqtt.connect(cfg.mqttUrl, { clientId: `cityioc-sim-${process.pid}`, reconnectPeriod: 2000 });
    client = c;
    c.on('error', (e) => deps.log('mqtt', { level: 'warn', msg: 'MQTT broker error', error: e.message }));
    timers.push(
      setInterval(() => {
        if (!c.connected) return;
        for (const m of mqttAirMessages(deps.now(), deps.rng)) c.publish(m.topic, m.payload, { qos: 1 });
      }, cfg.monitoringIntervalMs),
    );
  }
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(inFlight);
      if (client) await client.endAsync();
    },
  };
}
