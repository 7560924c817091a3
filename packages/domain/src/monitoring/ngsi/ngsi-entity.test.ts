import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../../catalogue/catalogue-index.ts';
import { CAN_THO_CATALOGUE } from '../../geo/can-tho.ts';
import { mapNgsiEntity, ngsiObservationId, notificationEntities, parseObservedTime } from './ngsi-entity.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const ctx = { index };
const T = '2026-11-22T07:00:00+07:00';
const T_MS = Date.parse(T);

// Our own fixtures, in the five forms the brokers send.
const ldNormalized = {
  id: 'urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu',
  type: 'AirQualityObserved',
  dateObserved: { type: 'Property', value: { '@type': 'DateTime', '@value': T } },
  pm25: { type: 'Property', value: 31.5, unitCode: 'GQ', observedAt: T },
  no2: { type: 'Property', value: 0.042, unitCode: 'GP', observedAt: T },
  refDevice: { type: 'Relationship', object: 'urn:ngsi-ld:Device:aq-ninh-kieu-01' },
  location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [105.7705, 10.0335] } },
};
const ldConcise = {
  id: 'urn:ngsi-ld:AirQualityObserved:aq-tra-noc',
  type: 'AirQualityObserved',
  dateObserved: T,
  pm10: { value: 55, unitCode: 'GQ' },
  o3: 80,
  refDevice: { object: 'urn:ngsi-ld:Device:x' },
};
const ldKeyValues = {
  id: 'urn:ngsi-ld:TrafficFlowObserved:tf-cmt8',
  type: 'TrafficFlowObserved',
  // a 5-minute count, as the model defines intensity: 78 vehicles → 936 per hour
  dateObservedFrom: '2026-11-22T06:55:00+07:00',
  dateObservedTo: T,
  intensity: 78,
  averageVehicleSpeed: 31,
  occupancy: 0.42,
};
const v2Normalized = {
  id: 'WaterQualityObserved:wq-song-hau',
  type: 'WaterQualityObserved',
  pH: { type: 'Number', value: 7.1, metadata: { TimeInstant: { type: 'DateTime', value: '2026-11-22T00:00:00Z' } } },
  O2: { type: 'Number', value: 5.4, metadata: {} },
  dateObserved: { type: 'DateTime', value: '2026-11-22T06:55:00+07:00' },
};
const v2KeyValues = { id: 'FloodMonitoring-wl-cai-rang', type: 'FloodMonitoring', dateObserved: '2026-11-22T07:00:00+07:00', currentLevel: 1.84 };

describe('mapNgsiEntity: the five forms', () => {
  it('NGSI-LD normalized: per-attribute observedAt, unit codes converted (mg/m³ → µg/m³), station from the id', () => {
    const m = mapNgsiEntity(ldNormalized, ctx);
    expect(m.station).toBe('aq-ninh-kieu');
    expect(m.rejected).toEqual([]);
    expect(m.observations.map((o) => [o.input.indicator, o.input.value, Date.parse(o.input.observedAt)])).toEqual([
      ['pm25', 31.5, T_MS],
      ['no2', 42, T_MS],
    ]);
    expect(m.observations[0]!.input.area).toBe('31135'); // the station's commune on the reading's date
  });
  it('NGSI-LD concise: {value} objects and plain values', () => {
    const m = mapNgsiEntity(ldConcise, ctx);
    expect(m.station).toBe('aq-tra-noc');
    expect(m.observations.map((o) => [o.input.indicator, o.input.value])).toEqual([
      ['pm10', 55],
      ['o3', 80],
    ]);
  });
  it('keyValues traffic: the count of the period becomes vehicles per hour, occupancy fraction a percentage', () => {
    const m = mapNgsiEntity(ldKeyValues, ctx);
    expect(m.observations.map((o) => [o.input.indicator, o.input.value, Date.parse(o.input.observedAt)])).toEqual([
      ['traffic_intensity', 936, T_MS],
      ['traffic_speed', 31, T_MS],
      ['traffic_occupancy', 42, T_MS],
    ]);
  });
  it('NGSI v2 normalized: metadata TimeInstant wins over the entity dateObserved', () => {
    const m = mapNgsiEntity(v2Normalized, ctx);
    expect(m.station).toBe('wq-song-hau');
    const byInd = Object.fromEntries(m.observations.map((o) => [o.input.indicator, Date.parse(o.input.observedAt)]));
    expect(byInd.wq_ph).toBe(Date.parse('2026-11-22T00:00:00Z'));
    expect(byInd.wq_do).toBe(Date.parse('2026-11-22T06:55:00+07:00'));
  });
  it('NGSI v2 keyValues flood level in metres becomes cm', () => {
    const m = mapNgsiEntity(v2KeyValues, ctx);
    expect(m.station).toBe('wl-cai-rang');
    expect(m.observations[0]!.input).toMatchObject({ indicator: 'water_level', value: 184, station: 'wl-cai-rang' });
  });
  it('expanded type and attribute URIs (no @context applied) are read by their last segment', () => {
    const m = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:X:aq-cai-rang',
        type: 'https://smartdatamodels.org/dataModel.Environment/AirQualityObserved',
        dateObserved: T,
        'https://smartdatamodels.org/pm25': 12,
      },
      ctx,
    );
    expect(m.observations.map((o) => o.input.indicator)).toEqual(['pm25']);
  });
});

describe('mapNgsiEntity: messy payloads', () => {
  it('a time without a zone is read in Asia/Ho_Chi_Minh and flagged', () => {
    const m = mapNgsiEntity({ ...v2KeyValues, dateObserved: '2026-11-22T07:00:00' }, ctx);
    expect(Date.parse(m.observations[0]!.input.observedAt)).toBe(T_MS);
    expect(m.flags.map((f) => f.code)).toEqual(['no_time_zone']);
  });
  it('an interval gives its end (start/end and start/duration), flagged', () => {
    const a = mapNgsiEntity({ ...v2KeyValues, dateObserved: '2026-11-22T06:00:00+07:00/2026-11-22T07:00:00+07:00' }, ctx);
    expect(Date.parse(a.observations[0]!.input.observedAt)).toBe(T_MS);
    expect(a.flags.map((f) => f.code)).toEqual(['interval_end']);
    const b = mapNgsiEntity({ ...v2KeyValues, dateObserved: '2026-11-22T06:45:00/PT15M' }, ctx);
    expect(Date.parse(b.observations[0]!.input.observedAt)).toBe(T_MS);
    expect(b.flags.map((f) => f.code).sort()).toEqual(['interval_end', 'no_time_zone']);
  });
  it('swapped longitude/latitude are detected against the city box, flagged, and still find the station', () => {
    const m = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:WaterObserved:sensor-17',
        type: 'WaterObserved',
        dateObserved: T,
        height: 1.9,
        location: { type: 'Point', coordinates: [10.0378, 105.7883] },
      },
      ctx,
    );
    expect(m.flags.map((f) => f.code)).toEqual(['coordinates_swapped', 'station_by_location']);
    expect(m.station).toBe('wl-can-tho');
    expect(m.observations[0]!.input.value).toBe(190);
  });
  it('a location far outside the city is flagged and names no station', () => {
    const m = mapNgsiEntity(
      { id: 'x:sensor-9', type: 'WaterObserved', dateObserved: T, height: 1, location: { type: 'Point', coordinates: [-3.7, 40.4] } },
      ctx,
    );
    expect(m.flags.map((f) => f.code)).toEqual(['location_outside_city']);
    expect(m.rejected).toEqual([expect.objectContaining({ attribute: 'height', reason: 'unknown_station' })]);
  });
  it('a Boolean where a number belongs rejects that attribute only; missing attributes leave the rest', () => {
    const m = mapNgsiEntity({ ...ldKeyValues, averageVehicleSpeed: true, occupancy: undefined }, ctx);
    expect(m.observations.map((o) => o.input.indicator)).toEqual(['traffic_intensity']);
    expect(m.rejected).toEqual([
      expect.objectContaining({ attribute: 'averageVehicleSpeed', reason: 'boolean_not_number' }),
      expect.objectContaining({ attribute: 'occupancy', reason: 'missing_value' }),
    ]);
  });
  it('text values, unknown unit codes, missing or broken times are rejected per attribute with a reason', () => {
    const m = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu',
        type: 'AirQualityObserved',
        pm25: { type: 'Property', value: '31', observedAt: T },
        pm10: { type: 'Property', value: 40, unitCode: 'XYZ', observedAt: T },
        no2: { type: 'Property', value: 40 },
        so2: { type: 'Property', value: 4, observedAt: 'yesterday' },
        co: { type: 'Property', value: 400, observedAt: T },
        airQualityIndex: 65,
      },
      ctx,
    );
    expect(m.rejected.map((r) => [r.attribute, r.reason])).toEqual([
      ['pm25', 'not_a_number'],
      ['pm10', 'unknown_unit'],
      ['no2', 'no_observed_time'],
      ['so2', 'invalid_time'],
    ]);
    expect(m.observations.map((o) => o.input.indicator)).toEqual(['co']);
    expect(m.ignored).toEqual(['airQualityIndex']);
  });
  it('an unsupported type or a non-entity is refused as a whole', () => {
    expect(mapNgsiEntity({ id: 'a', type: 'FillingLevelSensor', filling: 0.5 }, ctx).rejected[0]!.reason).toBe('unsupported_type');
    expect(mapNgsiEntity([1, 2], ctx).rejected[0]!.reason).toBe('not_an_entity');
  });
  it('aliases map foreign ids to stations', () => {
    const m = mapNgsiEntity(
      { id: 'urn:ngsi-ld:WaterObserved:HAU-001', type: 'WaterObserved', dateObserved: T, height: 1.5 },
      { index, aliases: new Map([['HAU-001', 'wl-o-mon']]) },
    );
    expect(m.station).toBe('wl-o-mon');
  });
});

describe('ids and notifications', () => {
  it('the observation id depends only on entity id, attribute and time, and is a valid observation id', () => {
    const a = ngsiObservationId('urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu', 'pm25', T_MS);
    expect(a).toBe(ngsiObservationId('urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu', 'pm25', T_MS));
    expect(a).not.toBe(ngsiObservationId('urn:ngsi-ld:AirQualityObserved:aq-ninh-kieu', 'pm25', T_MS + 1));
    const long = ngsiObservationId(`urn:ngsi-ld:X:${'é'.repeat(200)}`, 'pm25', T_MS);
    expect(long).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/);
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long).not.toBe(ngsiObservationId(`urn:ngsi-ld:X:${'è'.repeat(200)}`, 'pm25', T_MS));
  });
  it('the same reading in normalized and keyValues form gives the same id', () => {
    const a = mapNgsiEntity(
      { id: 'urn:x:wl-o-mon', type: 'WaterObserved', height: { type: 'Property', value: 1.2 }, dateObserved: { type: 'Property', value: T } },
      ctx,
    );
    const b = mapNgsiEntity({ id: 'urn:x:wl-o-mon', type: 'WaterObserved', height: 1.2, dateObserved: T }, ctx);
    expect(a.observations[0]!.input.id).toBe(b.observations[0]!.input.id);
  });
  it('notificationEntities wants a data array', () => {
    expect(notificationEntities({ data: [1] })).toEqual({ ok: true, entities: [1] });
    expect(notificationEntities({ subscriptionId: 'x' })).toMatchObject({ ok: false, field: '/data' });
    expect(notificationEntities('x')).toMatchObject({ ok: false, field: '' });
  });
  it('parseObservedTime refuses reversed intervals and non-strings', () => {
    expect(parseObservedTime('2026-11-22T08:00:00Z/2026-11-22T07:00:00Z').ok).toBe(false);
    expect(parseObservedTime(12).ok).toBe(false);
    expect(parseObservedTime('2026-11-22 07:00+0700')).toEqual({ ok: true, ms: T_MS, flags: [] });
  });
});
