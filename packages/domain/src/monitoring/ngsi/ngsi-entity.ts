import type { ObservationInput, Station } from '@cityioc/contracts';
import type { CatalogueIndex } from '../../catalogue/catalogue-index.ts';
import { CAN_THO_BBOX } from '../../catalogue/feed-indicators.ts';
import { parseObservedTime, type TimeFlag } from './ngsi-time.ts';
import { VN_UTC_OFFSET_MS } from '../../calendar/local-time.ts';

export { parseObservedTime, type ParsedTime, type TimeFlag } from './ngsi-time.ts';

/**
 * One FIWARE entity (NGSI-LD normalized / concise / keyValues, or NGSI v2 normalized / keyValues)
 * → observations of our catalogue. Pure: the caller stores the observations through the normal
 * ingest and merges the ingest's verdict into the per-entity result.
 */

/** How an attribute of a smart-data-model type maps to an indicator; `factor` turns its unit into ours. */
interface AttributeRule {
  indicator: string;
  /** Multiplier from the default unit of the model to the indicator's unit. */
  factor: number;
  /** unitCode (UN/CEFACT) → multiplier, when the feed names its unit. */
  units?: Record<string, number>;
}

const MASS_CONC = { GQ: 1, GP: 1000 }; // µg/m³, mg/m³
const LENGTH_CM = { MTR: 100, CMT: 1, MMT: 0.1 };
const rule = (indicator: string, factor = 1, units?: Record<string, number>): AttributeRule => ({ indicator, factor, units });

/** Attribute names as in the smart data models (dataModel.Environment, dataModel.Transportation). */
export const NGSI_TYPES: Record<string, Record<string, AttributeRule>> = {
  AirQualityObserved: {
    pm25: rule('pm25', 1, MASS_CONC),
    pm10: rule('pm10', 1, MASS_CONC),
    no2: rule('no2', 1, MASS_CONC),
    so2: rule('so2', 1, MASS_CONC),
    co: rule('co', 1, MASS_CONC),
    o3: rule('o3', 1, MASS_CONC),
  },
  /** The model gives heights in metres; our water level is in cm. */
  WaterObserved: { height: rule('water_level', 100, LENGTH_CM), waterLevel: rule('water_level', 100, LENGTH_CM) },
  FloodMonitoring: { currentLevel: rule('water_level', 100, LENGTH_CM), waterLevel: rule('water_level', 100, LENGTH_CM) },
  TrafficFlowObserved: {
    intensity: rule('traffic_intensity'),
    averageVehicleSpeed: rule('traffic_speed'),
    /** a fraction 0..1 in the model; a percentage here */
    occupancy: rule('traffic_occupancy', 100),
  },
  WaterQualityObserved: {
    pH: rule('wq_ph'),
    O2: rule('wq_do'),
    turbidity: rule('wq_turbidity'),
    temperature: rule('wq_temperature'),
    conductivity: rule('wq_conductivity'),
  },
};

export const NGSI_ENTITY_TYPES = Object.keys(NGSI_TYPES);

/** Attributes that describe the entity rather than measure something: never reported as ignored. */
const DESCRIPTIVE = new Set([
  'id',
  'type',
  '@context',
  'location',
  'dateObserved',
  'dateObservedFrom',
  'dateObservedTo',
  'dateCreated',
  'dateModified',
  'TimeInstant',
  'refDevice',
  'refRoadSegment',
  'refPointOfInterest',
  'address',
  'name',
  'alternateName',
  'description',
  'areaServed',
  'source',
  'dataProvider',
  'typeOfLocation',
  'seeAlso',
  'owner',
  'scopes',
  'createdAt',
  'modifiedAt',
]);

export interface EntityFlag {
  code: TimeFlag | 'coordinates_swapped' | 'location_outside_city' | 'station_by_location';
  attribute?: string;
  message: string;
}

export interface RejectedAttribute {
  attribute: string;
  reason: string;
  message: string;
}

export interface EntityMapping {
  /** null when the item is not an entity at all */
  entityId: string | null;
  type: string | null;
  station: string | null;
  /** ready for the ingest: one per accepted attribute */
  observations: { attribute: string; input: ObservationInput }[];
  rejected: RejectedAttribute[];
  /** measurement-looking attributes the catalogue has no indicator for */
  ignored: string[];
  flags: EntityFlag[];
}

export interface NgsiMappingContext {
  index: CatalogueIndex;
  /** entity id (or refDevice id) → station id, for feeds whose ids do not name our stations */
  aliases?: ReadonlyMap<string, string>;
  /** [west, south, east, north]; defaults to Cần Thơ */
  bbox?: readonly [number, number, number, number];
  /** a location within this many metres of a station names it (default 1000) */
  nearMetres?: number;
}

/** The last segment of a URN / URI / plain id: 'urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu' → 'aq-ninh-kieu'. */
export function lastSegment(id: string): string {
  const parts = id.split(/[:/#]/).filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One attribute in any of the five forms → its value and its own observation time, if any. */
interface AttrValue {
  value: unknown;
  observedAt?: unknown;
  unitCode?: unknown;
}

function readAttribute(raw: unknown): AttrValue {
  if (isObject(raw)) {
    // NGSI v2 normalized: {type, value, metadata: {TimeInstant|dateObserved|unitCode: {value}}}
    const meta = isObject(raw.metadata) ? raw.metadata : undefined;
    const metaValue = (k: string) => (meta && isObject(meta[k]) ? (meta[k] as { value?: unknown }).value : undefined);
    if ('value' in raw)
      return {
        // a typed literal, e.g. {"@type": "DateTime", "@value": "…"}
        value: isObject(raw.value) && '@value' in raw.value ? raw.value['@value'] : raw.value,
        observedAt: raw.observedAt ?? metaValue('TimeInstant') ?? metaValue('dateObserved') ?? metaValue('timestamp'),
        unitCode: raw.unitCode ?? metaValue('unitCode'),
      };
    // Relationship (normalized or concise): {type:'Relationship', object}
    if ('object' in raw) return { value: raw.object, observedAt: raw.observedAt };
    // an LD Property whose value is an @value object
    if ('@value' in raw) return { value: raw['@value'] };
  }
  return { value: raw };
}

const RADIUS_M = 6_371_000;
function metres(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  return Math.sqrt(dLat * dLat + dLon * dLon) * RADIUS_M;
}

function pointOf(geo: unknown): [number, number] | null {
  if (!isObject(geo)) return null;
  let c: unknown = geo.coordinates;
  // LineString / Polygon: take the first position
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  if (Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') return [c[0], c[1]];
  return null;
}

const inBox = (p: readonly [number, number], b: readonly [number, number, number, number]) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];

/** The observation id: the same entity, attribute and time always give the same id, so a reading
 * seen in a notification and again in a reconciliation pass is stored once. */
export function ngsiObservationId(entityId: string, attribute: string, observedAtMs: number): string {
  const safe = entityId.replace(/[^A-Za-z0-9._:@/-]/g, '_');
  const plain = `ngsi:${safe}:${attribute}:${observedAtMs}`;
  if (plain.length <= 128 && safe === entityId) return plain;
  // long or unusual ids: a 64-bit FNV-1a of the whole id keeps it short and still deterministic
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < entityId.length; i++) {
    const c = entityId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000197) >>> 0;
  }
  const hash = h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
  return `ngsi:h${hash}:${attribute.slice(0, 40)}:${observedAtMs}`;
}

function typeName(raw: unknown): string | null {
  return typeof raw === 'string' ? lastSegment(raw) : null;
}

/** ISO string in Asia/Ho_Chi_Minh with an explicit offset. */
function isoVn(ms: number): string {
  return new Date(ms + VN_UTC_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

function resolveStation(
  entity: Record<string, unknown>,
  entityId: string,
  wanted: readonly string[],
  ctx: NgsiMappingContext,
  point: [number, number] | null,
  flags: EntityFlag[],
): Station | null {
  const candidates = [entityId];
  for (const ref of ['refDevice', 'refRoadSegment', 'refPointOfInterest']) {
    const v = readAttribute(entity[ref]).value;
    if (typeof v === 'string') candidates.push(v);
  }
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
  if (!point) return null;
  const near = ctx.nearMetres ?? 1000;
  let best: Station | null = null;
  let bestD = Infinity;
  for (const st of ctx.index.catalogue.stations) {
    if (!wanted.some((w) => st.indicators.includes(w))) continue;
    const d = metres(point, st.location);
    if (d < bestD) {
      bestD = d;
      best = st;
    }
  }
  if (best && bestD <= near) {
    flags.push({ code: 'station_by_location', message: `no station named by the id; '${best.id}' is ${Math.round(bestD)} m from the location` });
    return best;
  }
  return null;
}

export function mapNgsiEntity(raw: unknown, ctx: NgsiMappingContext): EntityMapping {
  const out: EntityMapping = { entityId: null, type: null, station: null, observations: [], rejected: [], ignored: [], flags: [] };
  if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') {
    out.rejected.push({ attribute: '', reason: 'not_an_entity', message: 'an entity is an object with a string id and a type' });
    return out;
  }
  const entityId = raw.id;
  out.entityId = entityId;
  const type = typeName(raw.type);
  out.type = type;
  const rules = type ? NGSI_TYPES[type] : undefined;
  if (!rules) {
    out.rejected.push({ attribute: 'type', reason: 'unsupported_type', message: `type '${String(raw.type)}' is not one of ${NGSI_ENTITY_TYPES.join(', ')}` });
    return out;
  }

  // location: detect swapped axes against the city's box
  const bbox = ctx.bbox ?? CAN_THO_BBOX;
  let point = pointOf(readAttribute(raw.location).value);
  if (point && !inBox(point, bbox)) {
    const swapped: [number, number] = [point[1], point[0]];
    if (inBox(swapped, bbox)) {
      out.flags.push({
        code: 'coordinates_swapped',
        attribute: 'location',
        message: `coordinates [${point.join(', ')}] are [lat, lon]; read as [${swapped.join(', ')}]`,
      });
      point = swapped;
    } else {
      out.flags.push({ code: 'location_outside_city', attribute: 'location', message: `coordinates [${point.join(', ')}] are outside the city` });
      point = null;
    }
  }

  // the entity's observation time: dateObserved (Property, Relationship or plain), else its end, else TimeInstant
  const entityTimeRaw = [raw.dateObserved, raw.dateObservedTo, raw.TimeInstant].map((a) => readAttribute(a).value).find((v) => v !== undefined);
  const entityTime = entityTimeRaw === undefined ? null : parseObservedTime(entityTimeRaw);

  const measured: [string, AttributeRule][] = [];
  for (const [key, value] of Object.entries(raw)) {
    const name = key.startsWith('http') ? lastSegment(key) : key;
    const r = rules[name];
    if (r) measured.push([name, r]);
    else if (!DESCRIPTIVE.has(name) && !name.startsWith('ref') && !(isObject(value) && value.type === 'Relationship')) out.ignored.push(name);
  }
  const station = resolveStation(
    raw,
    entityId,
    measured.map(([, r]) => r.indicator),
    ctx,
    point,
    out.flags,
  );
  out.station = station?.id ?? null;

  const flagged = new Set<string>();
  const flag = (code: TimeFlag, attribute: string | undefined, message: string) => {
    const k = `${code}|${attribute ?? ''}`;
    if (!flagged.has(k)) {
      flagged.add(k);
      out.flags.push({ code, ...(attribute ? { attribute } : {}), message });
    }
  };

  for (const [key, value] of Object.entries(raw)) {
    const name = key.startsWith('http') ? lastSegment(key) : key;
    const r = rules[name];
    if (!r) continue;
    const reject = (reason: string, message: string) => out.rejected.push({ attribute: name, reason, message });
    if (!station) {
      reject('unknown_station', `no station matches the entity id '${entityId}', its refDevice or its location`);
      continue;
    }
    const a = readAttribute(value);
    if (typeof a.value === 'boolean') {
      reject('boolean_not_number', `${name} is the Boolean ${a.value}; a number is expected`);
      continue;
    }
    if (a.value === null || a.value === undefined) {
      reject('missing_value', `${name} has no value`);
      continue;
    }
    if (typeof a.value !== 'number' || !Number.isFinite(a.value)) {
      reject(
        'not_a_number',
        `${name} is ${typeof a.value === 'string' ? `the text '${a.value.slice(0, 40)}'` : `a ${Array.isArray(a.value) ? 'list' : typeof a.value}`}; a number is expected`,
      );
      continue;
    }
    let factor = r.factor;
    if (typeof a.unitCode === 'string') {
      const f = r.units?.[a.unitCode];
      if (f === undefined && r.units) {
        reject('unknown_unit', `${name} has unitCode '${a.unitCode}'; expected one of ${Object.keys(r.units).join(', ')}`);
        continue;
      }
      if (f !== undefined) factor = f;
    }
    const time = a.observedAt !== undefined ? parseObservedTime(a.observedAt) : entityTime;
    if (!time) {
      reject('no_observed_time', `${name} has no observedAt and the entity has no dateObserved`);
      continue;
    }
    if (!time.ok) {
      reject('invalid_time', time.reason);
      continue;
    }
    const timeAttr = a.observedAt !== undefined ? name : 'dateObserved';
    for (const f of time.flags)
      flag(
        f,
        timeAttr,
        f === 'no_time_zone' ? `${timeAttr} has no time zone; read as Asia/Ho_Chi_Minh (UTC+7)` : `${timeAttr} is an interval; its end is the observation time`,
      );
    const scaled = Math.round(a.value * factor * 1e6) / 1e6;
    out.observations.push({
      attribute: name,
      input: {
        id: ngsiObservationId(entityId, name, time.ms),
        indicator: r.indicator,
        area: station.area,
        station: station.id,
        observedAt: isoVn(time.ms),
        value: scaled,
      },
    });
  }
  return out;
}

/** The entities of a notification body (NGSI-LD and NGSI v2 both carry them in `data`). */
export function notificationEntities(body: unknown): { ok: true; entities: unknown[] } | { ok: false; field: string; message: string } {
  if (!isObject(body)) return { ok: false, field: '', message: 'a notification is a JSON object with a data array' };
  if (!Array.isArray(body.data)) return { ok: false, field: '/data', message: 'a notification carries its entities in a data array' };
  return { ok: true, entities: body.data };
}
