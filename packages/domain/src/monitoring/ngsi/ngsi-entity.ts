import type { ObservationInput } from '@cityioc/contracts';
import type { CatalogueIndex } from '../../catalogue/catalogue-index.ts';
import { CAN_THO_BBOX } from '../../catalogue/feed-indicators.ts';
import { isObject, lastSegment, readAttribute, type AttrValue } from './ngsi-read.ts';
import { matchStation, type LocationFlag } from './ngsi-station.ts';
import { parseObservedTime, type ParsedTime, type TimeFlag } from './ngsi-time.ts';
import { convertUnit, NGSI_ENTITY_TYPES, NGSI_TYPES, type AttributeModel, type UnitConversion } from './ngsi-units.ts';
import { localDateOf, VN_UTC_OFFSET_MS } from '../../calendar/local-time.ts';

export { parseObservedTime, type ParsedTime, type TimeFlag } from './ngsi-time.ts';

/**
 * One FIWARE entity (NGSI-LD normalized / concise / keyValues, or NGSI v2 normalized / keyValues)
 * → observations of our catalogue. Pure: the caller stores the observations through the normal
 * ingest and merges the ingest's verdict into the per-entity result.
 */

export { NGSI_ENTITY_TYPES, NGSI_TYPES, type AttributeModel, type UnitConversion } from './ngsi-units.ts';
export { lastSegment } from './ngsi-read.ts';

/** Attributes that describe the entity rather than measure something: never reported as ignored. */
const DESCRIPTIVE = new Set([
  'id',
  'type',
  '@context',
  'location',
  'dateObserved',
  'dateObservedFrom',
  'dateObservedTo',
  'observationDateTime',
  'dateCreated',
  'dateModified',
  'TimeInstant',
  'refDevice',
  'refRoadSegment',
  'refPointOfInterest',
  'stationID',
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
  code: TimeFlag | LocationFlag | 'attribute_not_in_model';
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

const describe = (v: unknown): string => (typeof v === 'string' ? `'${v.slice(0, 20)}'` : v === undefined ? 'undefined' : JSON.stringify(v).slice(0, 40));

/** The unit an attribute is in: its declared unitCode, or the model's default when it names none. */
function unitOf(name: string, model: AttributeModel, a: AttrValue): { ok: true; unit: UnitConversion } | { ok: false; reason: string; message: string } {
  if (!a.hasUnitCode) return { ok: true, unit: model.default };
  const code = a.unitCode;
  if (typeof code !== 'string' || code.trim() === '')
    return { ok: false, reason: 'invalid_unit_code', message: `${name} has unitCode ${describe(code)}; a UN/CEFACT unit code (text) is expected` };
  const unit = model.codes[code];
  if (!unit) {
    const known = Object.keys(model.codes);
    return {
      ok: false,
      reason: 'unknown_unit',
      message: `${name} has unitCode '${code.slice(0, 20)}'; ${known.length ? `expected one of ${known.join(', ')}` : `it is given in ${model.default.label}, without a unitCode`}`,
    };
  }
  return { ok: true, unit };
}

/** The entity's own observation time: dateObserved (Property, Relationship or plain), else its end, FloodMonitoring's observationDateTime, TimeInstant. */
const ENTITY_TIMES = ['dateObserved', 'dateObservedTo', 'observationDateTime', 'TimeInstant'] as const;

/** The observation period of counted values: an interval dateObserved, or dateObservedFrom … dateObservedTo. */
function periodMs(attrs: Record<string, unknown>, time: ParsedTime | null): number | null {
  if (time?.ok && time.startMs !== undefined) return time.ms - time.startMs;
  const from = readAttribute(attrs.dateObservedFrom).value;
  const to = readAttribute(attrs.dateObservedTo).value;
  if (from === undefined || to === undefined) return null;
  const f = parseObservedTime(from);
  const t = parseObservedTime(to);
  return f.ok && t.ok ? t.ms - f.ms : null;
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
  const models = type ? NGSI_TYPES[type] : undefined;
  if (!models) {
    out.rejected.push({ attribute: 'type', reason: 'unsupported_type', message: `type '${String(raw.type)}' is not one of ${NGSI_ENTITY_TYPES.join(', ')}` });
    return out;
  }

  // attribute names as expanded URIs (a broker that applied no @context) read by their last segment; a short name wins
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (key.startsWith('http') && !(lastSegment(key) in raw)) attrs[lastSegment(key)] = value;
  for (const [key, value] of Object.entries(raw)) if (!key.startsWith('http')) attrs[key] = value;

  const entityTimeKey = ENTITY_TIMES.find((k) => readAttribute(attrs[k]).value !== undefined);
  const entityTime = entityTimeKey ? parseObservedTime(readAttribute(attrs[entityTimeKey]).value) : null;

  const measured: [string, unknown, AttributeModel][] = [];
  for (const [name, value] of Object.entries(attrs)) {
    const m = models[name];
    if (m) measured.push([name, value, m]);
    else if (!DESCRIPTIVE.has(name) && !name.startsWith('ref') && !(isObject(value) && value.type === 'Relationship')) out.ignored.push(name);
  }
  const match = matchStation(
    attrs,
    entityId,
    measured.map(([, , m]) => m.indicator),
    { index: ctx.index, aliases: ctx.aliases, bbox: ctx.bbox ?? CAN_THO_BBOX, nearMetres: ctx.nearMetres ?? 1000 },
  );
  out.flags.push(...match.flags);
  const station = match.station;
  out.station = station?.id ?? null;
  // areaServed given as a GSO unit code ("31135", or a URN ending in one) is the entity's claim of its unit
  const served = readAttribute(attrs.areaServed).value;
  const servedArea = typeof served === 'string' && /^[0-9]{2,5}$/.test(lastSegment(served)) ? lastSegment(served) : null;
  const present = new Set(measured.map(([name]) => name));

  const flagged = new Set<string>();
  const flag = (code: EntityFlag['code'], attribute: string | undefined, message: string) => {
    const k = `${code}|${attribute ?? ''}`;
    if (!flagged.has(k)) {
      flagged.add(k);
      out.flags.push({ code, ...(attribute ? { attribute } : {}), message });
    }
  };

  for (const [name, value, model] of measured) {
    const reject = (reason: string, message: string) => out.rejected.push({ attribute: name, reason, message });
    if (!station) {
      reject('unknown_station', `no station matches the entity id '${entityId}', its references or its location`);
      continue;
    }
    // a station of the city named by an entity located elsewhere: the reading is not the station's
    if (match.outside) {
      reject(
        'location_outside_city',
        `the entity names station '${station.id}' but its location [${match.outside.join(', ')}] is outside the city (either axis order); not stored`,
      );
      continue;
    }
    if (model.standIn && present.has(model.standIn.for)) {
      reject(
        'duplicate_series',
        `${name} and ${model.standIn.for} both give ${model.indicator} at one instant; the IOC stores ${model.standIn.for}, the model's attribute`,
      );
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
    const unit = unitOf(name, model, a);
    if (!unit.ok) {
      reject(unit.reason, unit.message);
      continue;
    }
    const time = a.observedAt !== undefined ? parseObservedTime(a.observedAt) : entityTime;
    if (!time) {
      reject('no_observed_time', `${name} has no observedAt and the entity has no ${ENTITY_TIMES.join(', ')}`);
      continue;
    }
    if (!time.ok) {
      reject('invalid_time', time.reason);
      continue;
    }
    let v = convertUnit(a.value, unit.unit);
    if (model.perPeriod) {
      const period = periodMs(attrs, entityTime);
      if (period === null || !(period > 0)) {
        reject(
          'no_observation_period',
          `${name} counts vehicles over the observation period; without an interval dateObserved or dateObservedFrom/dateObservedTo it is no rate per hour`,
        );
        continue;
      }
      v = Math.round(((a.value * 3_600_000) / period) * 1e6) / 1e6;
    }
    const timeAttr = a.observedAt !== undefined ? name : entityTimeKey!;
    for (const f of time.flags)
      flag(
        f,
        timeAttr,
        f === 'no_time_zone' ? `${timeAttr} has no time zone; read as Asia/Ho_Chi_Minh (UTC+7)` : `${timeAttr} is an interval; its end is the observation time`,
      );
    if (model.standIn) flag('attribute_not_in_model', name, `${name} is not in the ${type} model; read as its ${model.standIn.for} (${model.default.label})`);
    out.observations.push({
      attribute: name,
      input: {
        id: ngsiObservationId(entityId, name, time.ms),
        indicator: model.indicator,
        // a GSO code in areaServed is the entity's own claim (checked against the reading's date by the ingest); else the station's unit on that date
        area: servedArea ?? ctx.index.stationAreaAt(station.id, localDateOf(time.ms)) ?? station.area,
        station: station.id,
        observedAt: isoVn(time.ms),
        value: v,
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
