import type { Station } from '@cityioc/contracts';
import type { CatalogueIndex } from '../../catalogue/catalogue-index.ts';
import { inBox, lastSegment, metres, pointOf, readAttribute } from './ngsi-read.ts';

/**
 * Which city station an entity reports for, and whether its location agrees: the entity id, its
 * references (refDevice, refRoadSegment, refPointOfInterest, FloodMonitoring's stationID) or a
 * configured alias name a station; failing that, a location within `nearMetres` of one does.
 */

export type LocationFlag = 'coordinates_swapped' | 'location_outside_city' | 'location_ignored' | 'location_far_from_station' | 'station_by_location';

export interface StationMatch {
  station: Station | null;
  /** The entity's location in the city ([lon, lat], axes repaired), or null. */
  point: [number, number] | null;
  /** A location outside the city that neither axis order brings in. */
  outside: [number, number] | null;
  flags: { code: LocationFlag; attribute?: string; message: string }[];
}

export interface StationContext {
  index: CatalogueIndex;
  aliases?: ReadonlyMap<string, string> | undefined;
  bbox: readonly [number, number, number, number];
  nearMetres: number;
}

const REFS = ['refDevice', 'refRoadSegment', 'refPointOfInterest', 'stationID'];

export function matchStation(entity: Record<string, unknown>, entityId: string, wanted: readonly string[], ctx: StationContext): StationMatch {
  const out: StationMatch = { station: null, point: null, outside: null, flags: [] };
  const raw = pointOf(readAttribute(entity.location).value);
  if (raw && raw[0] === 0 && raw[1] === 0) {
    out.flags.push({ code: 'location_ignored', attribute: 'location', message: 'coordinates [0, 0] (a device without a position fix) are ignored' });
  } else if (raw && inBox(raw, ctx.bbox)) out.point = raw;
  else if (raw) {
    const swapped: [number, number] = [raw[1], raw[0]];
    if (inBox(swapped, ctx.bbox)) {
      out.flags.push({
        code: 'coordinates_swapped',
        attribute: 'location',
        message: `coordinates [${raw.join(', ')}] are [lat, lon]; read as [${swapped.join(', ')}]`,
      });
      out.point = swapped;
    } else out.outside = raw;
  }

  const candidates = [entityId];
  for (const ref of REFS) {
    const v = readAttribute(entity[ref]).value;
    if (typeof v === 'string' && v !== '') candidates.push(v);
  }
  out.station = named(candidates, ctx);
  if (out.station) {
    const d = out.point ? metres(out.point, out.station.location) : 0;
    if (d > ctx.nearMetres)
      out.flags.push({
        code: 'location_far_from_station',
        attribute: 'location',
        message: `the location is ${Math.round(d)} m from station '${out.station.id}', which the entity names`,
      });
    return out;
  }
  if (out.outside) {
    out.flags.push({ code: 'location_outside_city', attribute: 'location', message: `coordinates [${out.outside.join(', ')}] are outside the city` });
    return out;
  }
  if (!out.point) return out;
  let best: Station | null = null;
  let bestD = Infinity;
  for (const st of ctx.index.catalogue.stations) {
    if (!wanted.some((w) => st.indicators.includes(w))) continue;
    const d = metres(out.point, st.location);
    if (d < bestD) {
      bestD = d;
      best = st;
    }
  }
  if (best && bestD <= ctx.nearMetres) {
    out.flags.push({ code: 'station_by_location', message: `no station named by the id; '${best.id}' is ${Math.round(bestD)} m from the location` });
    out.station = best;
  }
  return out;
}

function named(candidates: readonly string[], ctx: StationContext): Station | null {
  for (const c of candidates) {
    const alias = ctx.aliases?.get(c) ?? ctx.aliases?.get(lastSegment(c));
    const st = ctx.index.station(alias ?? lastSegment(c).toLowerCase());
    if (st) return st;
  }
  // ids such as 'FloodMonitoring-wl-cai-rang': a station id at the end after a separator
  for (const c of candidates) {
    const lower = c.toLowerCase();
    const st = ctx.index.catalogue.stations.find((s) => lower.endsWith(s.id) && /[-_:/#.]/.test(lower.charAt(lower.length - s.id.length - 1)));
    if (st) return st;
  }
  return null;
}
