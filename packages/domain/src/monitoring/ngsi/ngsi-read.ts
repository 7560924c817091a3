/**
 * Reading NGSI attributes in the five forms brokers send (NGSI-LD normalized / concise /
 * keyValues, NGSI v2 normalized / keyValues), and the geometry helpers the station match needs.
 */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The last segment of a URN / URI / plain id: 'urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu' → 'aq-ninh-kieu'. */
export function lastSegment(id: string): string {
  const parts = id.split(/[:/#]/).filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

/** One attribute: its value, its own observation time and its declared unit, if any. */
export interface AttrValue {
  value: unknown;
  observedAt?: unknown;
  /** true when the attribute names a unit at all, whatever the value (null, a number, an object… are refused later) */
  hasUnitCode: boolean;
  unitCode?: unknown;
}

export function readAttribute(raw: unknown): AttrValue {
  if (isObject(raw)) {
    // NGSI v2 normalized: {type, value, metadata: {TimeInstant|dateObserved|unitCode: {value}}}
    const meta = isObject(raw.metadata) ? raw.metadata : undefined;
    const metaValue = (k: string) => {
      const m = meta?.[k];
      return isObject(m) && 'value' in m ? m.value : m;
    };
    if ('value' in raw) {
      const hasLd = 'unitCode' in raw;
      const hasV2 = meta !== undefined && 'unitCode' in meta;
      return {
        // a typed literal, e.g. {"@type": "DateTime", "@value": "…"}
        value: isObject(raw.value) && '@value' in raw.value ? raw.value['@value'] : raw.value,
        observedAt: raw.observedAt ?? metaValue('TimeInstant') ?? metaValue('dateObserved') ?? metaValue('timestamp'),
        hasUnitCode: hasLd || hasV2,
        unitCode: hasLd ? raw.unitCode : hasV2 ? metaValue('unitCode') : undefined,
      };
    }
    // Relationship (normalized or concise): {type:'Relationship', object}
    if ('object' in raw) return { value: raw.object, observedAt: raw.observedAt, hasUnitCode: false };
    // an LD Property whose value is an @value object
    if ('@value' in raw) return { value: raw['@value'], hasUnitCode: false };
  }
  return { value: raw, hasUnitCode: false };
}

const RADIUS_M = 6_371_000;
/** Distance in metres between two [lon, lat] points (equirectangular: exact enough within a city). */
export function metres(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  return Math.sqrt(dLat * dLat + dLon * dLon) * RADIUS_M;
}

/** The point of a GeoJSON geometry ([lon, lat]); for a LineString or Polygon its first position. */
export function pointOf(geo: unknown): [number, number] | null {
  if (!isObject(geo)) return null;
  let c: unknown = geo.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number' && Number.isFinite(c[0]) && Number.isFinite(c[1]))
    return [c[0], c[1]];
  return null;
}

export const inBox = (p: readonly [number, number], b: readonly [number, number, number, number]) =>
  p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
