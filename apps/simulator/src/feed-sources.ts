import { AIR_FEED_INDICATORS, CAN_THO_STATIONS } from '@cityioc/domain';
import type { Rng } from './rng.ts';
import { localParts, toLocalRfc3339 } from './time.ts';

/**
 * The demo's connector sources: traffic flow and water quality as a FIWARE context broker would
 * notify them (NGSI-LD), and air pollutants as a datalogger would publish them over MQTT.
 * Pure generators here; simulator.ts sends them.
 */

const TRAFFIC = CAN_THO_STATIONS.filter((s) => s.indicators.includes('traffic_intensity'));
const WATER_QUALITY = CAN_THO_STATIONS.filter((s) => s.indicators.includes('wq_ph'));
const AIR = CAN_THO_STATIONS.filter((s) => s.indicators.includes('pm10'));

/** Rush hours at 7:00 and 17:30 on top of a daytime plateau: vehicles per hour. */
export function trafficIntensity(hour: number, base: number): number {
  const peak = (h: number, w: number) => Math.exp(-((hour - h) ** 2) / (2 * w * w));
  const day = hour >= 5 && hour <= 22 ? 0.55 : 0.12;
  return base * (day + 0.6 * peak(7, 1) + 0.7 * peak(17.5, 1.2));
}

/** A traffic counter's counting period: TrafficFlowObserved.intensity is the vehicles counted in it. */
export const TRAFFIC_PERIOD_MS = 5 * 60_000;

/**
 * NGSI-LD notification entities (normalized for traffic, concise for water quality, as real brokers mix them),
 * in the units of the Smart Data Models: vehicles per counting period, conductivity declared in µS/cm (G42).
 */
export function ngsiLdEntities(t: number, rng: Rng): Record<string, unknown>[] {
  const at = toLocalRfc3339(t);
  const period = `${toLocalRfc3339(t - TRAFFIC_PERIOD_MS)}/${at}`;
  const { hour } = localParts(t);
  const out: Record<string, unknown>[] = [];
  TRAFFIC.forEach((st, i) => {
    const perHour = trafficIntensity(hour, 1800 + 600 * i) * (1 + 0.05 * rng.normal());
    const intensity = Math.round((perHour * TRAFFIC_PERIOD_MS) / 3_600_000);
    const occupancy = Math.min(0.95, perHour / 4000);
    const speed = Math.max(8, Math.round(48 * (1 - occupancy * 0.8) + 2 * rng.normal()));
    out.push({
      id: `urn:ngsi-ld:TrafficFlowObserved:${st.id}`,
      type: 'TrafficFlowObserved',
      dateObserved: { type: 'Property', value: period },
      intensity: { type: 'Property', value: intensity, observedAt: at },
      averageVehicleSpeed: { type: 'Property', value: speed, observedAt: at },
      occupancy: { type: 'Property', value: Math.round(occupancy * 100) / 100, observedAt: at },
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: st.location } },
    });
  });
  WATER_QUALITY.forEach((st, i) => {
    out.push({
      id: `urn:ngsi-ld:WaterQualityObserved:${st.id}`,
      type: 'WaterQualityObserved',
      dateObserved: at,
      pH: Math.round((7.1 - 0.3 * i + 0.05 * rng.normal()) * 100) / 100,
      O2: { value: Math.round((5.6 - 1.4 * i + 0.2 * rng.normal()) * 10) / 10, unitCode: 'M1' },
      turbidity: Math.max(1, Math.round(45 + 20 * i + 4 * rng.normal())),
      temperature: Math.round((28.5 + 1.2 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + 0.1 * rng.normal()) * 10) / 10,
      conductivity: { value: Math.round(180 + 60 * i + 5 * rng.normal()), unitCode: 'G42' },
    });
  });
  return out;
}

/** A notification body as Orion-LD POSTs it. */
export function ngsiLdNotification(t: number, rng: Rng, seq: number): unknown {
  return {
    id: `urn:ngsi-ld:Notification:cityioc-demo-${seq}`,
    type: 'Notification',
    subscriptionId: 'urn:ngsi-ld:Subscription:cityioc-demo',
    notifiedAt: new Date(t).toISOString(),
    data: ngsiLdEntities(t, rng),
  };
}

const AIR_BASE: Record<string, number> = { pm10: 48, no2: 38, so2: 14, co: 1100, o3: 62 };

/** MQTT messages of the air dataloggers: topic cantho/<station>/<indicator>, payload {value, observedAt}. */
export function mqttAirMessages(t: number, rng: Rng): { topic: string; payload: string }[] {
  const at = toLocalRfc3339(t);
  const { hour } = localParts(t);
  const traffic = 0.8 + 0.4 * Math.exp(-((hour - 7.5) ** 2) / 2) + 0.4 * Math.exp(-((hour - 18) ** 2) / 2);
  const out: { topic: string; payload: string }[] = [];
  for (const st of AIR)
    for (const ind of AIR_FEED_INDICATORS) {
      const base = AIR_BASE[ind] ?? 10;
      // ozone peaks in the afternoon sun; the others follow traffic
      const shape = ind === 'o3' ? 0.6 + 0.8 * Math.max(0, Math.sin(((hour - 8) / 12) * Math.PI)) : traffic;
      const value = Math.max(0, Math.round(base * shape * (1 + 0.06 * rng.normal()) * 10) / 10);
      out.push({ topic: `cantho/${st.id}/${ind}`, payload: JSON.stringify({ value, observedAt: at }) });
    }
  return out;
}
