/**
 * The Smart Data Models as they really arrive: each model's own time attribute, its default units
 * and declared unitCodes, attributes outside the model, and locations that contradict the station.
 * Our own fixtures, shaped after the models' published examples (ids, values and places are ours).
 */
import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../../catalogue/catalogue-index.ts';
import { CAN_THO_CATALOGUE } from '../../geo/can-tho.ts';
import { mapNgsiEntity } from './ngsi-entity.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const ctx = { index };
const T = '2026-11-22T07:00:00+07:00';
const T_MS = Date.parse(T);
const values = (m: ReturnType<typeof mapNgsiEntity>) => m.observations.map((o) => [o.attribute, o.input.indicator, o.input.value]);
const reasons = (m: ReturnType<typeof mapNgsiEntity>) => m.rejected.map((r) => [r.attribute, r.reason]);
/** A WaterObserved (1.8 m at T unless `extra` says otherwise) that names station wl-can-tho, sent from `coordinates` ([lon, lat] as the sender wrote them). */
const canThoWaterAt = (coordinates: [number, number], extra: Record<string, unknown> = {}) => ({
  id: 'urn:ngsi-ld:WaterObserved:wl-can-tho',
  type: 'WaterObserved',
  dateObserved: T,
  height: 1.8,
  location: { type: 'Point', coordinates },
  ...extra,
});

describe('FloodMonitoring: observationDateTime is the model’s time attribute', () => {
  it('keyValues (NGSI-LD): read from observationDateTime, metres → cm; stationID names the station', () => {
    const m = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:FloodMonitoring:fm-017',
        type: 'FloodMonitoring',
        stationID: 'wl-cai-rang',
        referenceLevel: 4.5,
        measuredDistance: 2.66,
        currentLevel: 1.84,
        alertLevel: 1.8,
        dangerLevel: 2.0,
        floodLevelStatus: 'Alert',
        observationDateTime: '2026-11-22T06:50:00+07:00',
      },
      ctx,
    );
    expect(m.rejected).toEqual([]);
    expect(m.station).toBe('wl-cai-rang');
    expect(values(m)).toEqual([['currentLevel', 'water_level', 184]]);
    expect(Date.parse(m.observations[0]!.input.observedAt)).toBe(Date.parse('2026-11-22T06:50:00+07:00'));
  });
  it('normalized NGSI-LD: observationDateTime as a Property', () => {
    const m = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:FloodMonitoring:FloodMonitoring-wl-o-mon',
        type: 'FloodMonitoring',
        currentLevel: { type: 'Property', value: 1.62 },
        observationDateTime: { type: 'Property', value: { '@type': 'DateTime', '@value': T } },
      },
      ctx,
    );
    expect(reasons(m)).toEqual([]);
    expect(m.observations.map((o) => [o.input.station, o.input.value, Date.parse(o.input.observedAt)])).toEqual([['wl-o-mon', 162, T_MS]]);
  });
});

describe('expanded attribute URIs (a broker that applied no @context)', () => {
  it('are read by their last segment for the time, the location and the references too', () => {
    const m = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:FloodMonitoring:gauge-9',
        type: 'https://smartdatamodels.org/dataModel.Environment/FloodMonitoring',
        'https://smartdatamodels.org/dataModel.Environment/stationID': { type: 'Property', value: 'wl-thot-not' },
        'https://smartdatamodels.org/dataModel.Environment/currentLevel': { type: 'Property', value: 1.93 },
        'https://smartdatamodels.org/dataModel.Environment/observationDateTime': { type: 'Property', value: T },
        'https://uri.etsi.org/ngsi-ld/location': { type: 'GeoProperty', value: { type: 'Point', coordinates: [-3.7, 40.4] } },
      },
      ctx,
    );
    expect(m.station).toBe('wl-thot-not');
    // the location (expanded too) contradicts the station named by stationID
    expect(reasons(m)).toEqual([['currentLevel', 'location_outside_city']]);
    const ok = mapNgsiEntity(
      {
        id: 'urn:ngsi-ld:FloodMonitoring:gauge-9',
        type: 'FloodMonitoring',
        'https://smartdatamodels.org/dataModel.Environment/stationID': 'wl-thot-not',
        'https://smartdatamodels.org/dataModel.Environment/currentLevel': 1.93,
        'https://smartdatamodels.org/dataModel.Environment/observationDateTime': T,
      },
      ctx,
    );
    expect(ok.observations.map((o) => [o.input.station, o.input.value, Date.parse(o.input.observedAt)])).toEqual([['wl-thot-not', 193, T_MS]]);
  });
});

describe('WaterQualityObserved: the model’s default units', () => {
  const wq = (extra: Record<string, unknown>) => ({
    id: 'urn:ngsi-ld:WaterQualityObserved:wq-song-hau',
    type: 'WaterQualityObserved',
    dateObserved: T,
    ...extra,
  });
  it('conductivity without a unitCode is in S/m: 0.005 S/m → 50 µS/cm', () => {
    expect(values(mapNgsiEntity(wq({ conductivity: 0.005 }), ctx))).toEqual([['conductivity', 'wq_conductivity', 50]]);
  });
  it('declared units convert: G42 µS/cm, H61 mS/cm, D10 S/m; v2 metadata too', () => {
    expect(values(mapNgsiEntity(wq({ conductivity: { value: 50, unitCode: 'G42' } }), ctx))).toEqual([['conductivity', 'wq_conductivity', 50]]);
    expect(values(mapNgsiEntity(wq({ conductivity: { value: 0.05, unitCode: 'H61' } }), ctx))).toEqual([['conductivity', 'wq_conductivity', 50]]);
    const v2 = mapNgsiEntity(
      {
        id: 'WaterQualityObserved:wq-rach-cai-khe',
        type: 'WaterQualityObserved',
        dateObserved: { type: 'DateTime', value: T },
        conductivity: { type: 'Number', value: 0.031, metadata: { unitCode: { type: 'Text', value: 'D10' } } },
        temperature: { type: 'Number', value: 82.4, metadata: { unitCode: { type: 'Text', value: 'FAH' } } },
      },
      ctx,
    );
    expect(values(v2)).toEqual([
      ['conductivity', 'wq_conductivity', 310],
      ['temperature', 'wq_temperature', 28],
    ]);
  });
  it('temperature: °C by default, K and °F converted; O₂ in mg/L; turbidity in FTU takes no unitCode', () => {
    const m = mapNgsiEntity(wq({ temperature: { value: 301.15, unitCode: 'KEL' }, O2: { value: 5.2, unitCode: 'M1' }, turbidity: 38, pH: 7.2 }), ctx);
    expect(values(m)).toEqual([
      ['temperature', 'wq_temperature', 28],
      ['O2', 'wq_do', 5.2],
      ['turbidity', 'wq_turbidity', 38],
      ['pH', 'wq_ph', 7.2],
    ]);
    expect(reasons(mapNgsiEntity(wq({ turbidity: { value: 38, unitCode: 'NTU' } }), ctx))).toEqual([['turbidity', 'unknown_unit']]);
  });
});

describe('unitCode: declared or default, never guessed', () => {
  const level = (unitCode: unknown) => ({
    id: 'urn:ngsi-ld:WaterObserved:wl-can-tho',
    type: 'WaterObserved',
    dateObserved: T,
    height: { value: 1.9, unitCode },
  });
  it.each([
    [null, 'null'],
    [true, 'true'],
    [0, '0'],
    [{}, '{}'],
    ['', "''"],
  ])('unitCode %j is refused for that attribute with the reason invalid_unit_code', (code, shown) => {
    const m = mapNgsiEntity(level(code), ctx);
    expect(m.observations).toEqual([]);
    expect(m.rejected).toEqual([
      { attribute: 'height', reason: 'invalid_unit_code', message: `height has unitCode ${shown}; a UN/CEFACT unit code (text) is expected` },
    ]);
  });
  it('a v2 metadata unitCode of null is refused too; the entity’s other attributes stay', () => {
    const m = mapNgsiEntity(
      {
        id: 'AirQualityObserved:aq-ninh-kieu',
        type: 'AirQualityObserved',
        dateObserved: { type: 'DateTime', value: T },
        pm25: { type: 'Number', value: 31, metadata: { unitCode: { type: 'Text', value: null } } },
        pm10: { type: 'Number', value: 0.05, metadata: { unitCode: { type: 'Text', value: 'GP' } } },
      },
      ctx,
    );
    expect(reasons(m)).toEqual([['pm25', 'invalid_unit_code']]);
    expect(values(m)).toEqual([['pm10', 'pm10', 50]]);
  });
  it('the declared code decides: CMT and MMT for a water level, an unknown code names the accepted ones', () => {
    expect(values(mapNgsiEntity({ ...level('CMT'), height: { value: 190, unitCode: 'CMT' } }, ctx))).toEqual([['height', 'water_level', 190]]);
    expect(values(mapNgsiEntity({ ...level('MMT'), height: { value: 1900, unitCode: 'MMT' } }, ctx))).toEqual([['height', 'water_level', 190]]);
    expect(mapNgsiEntity(level('FOT'), ctx).rejected).toEqual([
      { attribute: 'height', reason: 'unknown_unit', message: "height has unitCode 'FOT'; expected one of MTR, CMT, MMT" },
    ]);
  });
});

describe('WaterObserved: height is the water level; waterLevel is not in the model', () => {
  const both = {
    id: 'urn:ngsi-ld:WaterObserved:wl-can-tho',
    type: 'WaterObserved',
    dateObserved: T,
    flow: 12,
    height: 1.83,
    waterLevel: 2.4,
    waterDischarge: 3,
  };
  it('with both, height is stored and waterLevel refused: one value for one series at one instant', () => {
    const m = mapNgsiEntity(both, ctx);
    expect(values(m)).toEqual([['height', 'water_level', 183]]);
    expect(m.rejected).toEqual([
      {
        attribute: 'waterLevel',
        reason: 'duplicate_series',
        message: "waterLevel and height both give water_level at one instant; the IOC stores height, the model's attribute",
      },
    ]);
    expect(m.ignored).toEqual(['flow', 'waterDischarge']);
  });
  it('waterLevel alone is read as the height, flagged', () => {
    const m = mapNgsiEntity({ id: 'urn:ngsi-ld:WaterObserved:wl-o-mon', type: 'WaterObserved', dateObserved: T, waterLevel: 1.7 }, ctx);
    expect(values(m)).toEqual([['waterLevel', 'water_level', 170]]);
    expect(m.flags).toEqual([
      { code: 'attribute_not_in_model', attribute: 'waterLevel', message: 'waterLevel is not in the WaterObserved model; read as its height (m)' },
    ]);
  });
  it('FloodMonitoring: currentLevel wins over a waterLevel beside it', () => {
    const m = mapNgsiEntity(
      { id: 'urn:x:FloodMonitoring:wl-cai-rang', type: 'FloodMonitoring', observationDateTime: T, currentLevel: 1.8, waterLevel: 1.75 },
      ctx,
    );
    expect(values(m)).toEqual([['currentLevel', 'water_level', 180]]);
    expect(reasons(m)).toEqual([['waterLevel', 'duplicate_series']]);
  });
});

describe('a station of the city named by an entity located elsewhere', () => {
  it('is refused (every measured attribute), not stored against the station: a 2016 reading from Spain never becomes the live value', () => {
    const m = mapNgsiEntity(canThoWaterAt([-3.712, 40.424], { dateObserved: '2016-03-15T11:00:00Z', height: 3.52 }), ctx);
    expect(m.station).toBe('wl-can-tho');
    expect(m.observations).toEqual([]);
    expect(m.rejected).toEqual([
      {
        attribute: 'height',
        reason: 'location_outside_city',
        message: "the entity names station 'wl-can-tho' but its location [-3.712, 40.424] is outside the city (either axis order); not stored",
      },
    ]);
  });
  it('swapped axes that land in the city are repaired, not refused; [0, 0] (no position fix) is ignored', () => {
    const swapped = mapNgsiEntity(canThoWaterAt([10.0378, 105.7883]), ctx);
    expect(values(swapped)).toEqual([['height', 'water_level', 180]]);
    const nullIsland = mapNgsiEntity(canThoWaterAt([0, 0]), ctx);
    expect(values(nullIsland)).toEqual([['height', 'water_level', 180]]);
    expect(nullIsland.flags.map((f) => f.code)).toEqual(['location_ignored']);
  });
  it('a location in the city but far from the named station is kept and flagged with the distance', () => {
    const m = mapNgsiEntity(canThoWaterAt([105.6, 10.1]), ctx);
    expect(values(m)).toEqual([['height', 'water_level', 180]]);
    expect(m.flags).toEqual([expect.objectContaining({ code: 'location_far_from_station', attribute: 'location' })]);
    expect(m.flags[0]!.message).toMatch(/^the location is \d+ m from station 'wl-can-tho', which the entity names$/);
  });
});

describe('TrafficFlowObserved: intensity is a count over the observation period', () => {
  const tf = (extra: Record<string, unknown>) => ({ id: 'urn:ngsi-ld:TrafficFlowObserved:tf-cmt8', type: 'TrafficFlowObserved', ...extra });
  it('an interval dateObserved gives the period: 197 vehicles in 5 minutes → 2364 per hour; speed in m/s → km/h', () => {
    const m = mapNgsiEntity(
      tf({ dateObserved: '2026-11-22T06:55:00+07:00/2026-11-22T07:00:00+07:00', intensity: 197, averageVehicleSpeed: { value: 10, unitCode: 'MTS' } }),
      ctx,
    );
    expect(values(m)).toEqual([
      ['intensity', 'traffic_intensity', 2364],
      ['averageVehicleSpeed', 'traffic_speed', 36],
    ]);
  });
  it('without a period the count is refused with its reason; the rest of the entity stays', () => {
    const m = mapNgsiEntity(tf({ dateObserved: T, intensity: 197, occupancy: { value: 76, unitCode: 'P1' } }), ctx);
    expect(reasons(m)).toEqual([['intensity', 'no_observation_period']]);
    expect(values(m)).toEqual([['occupancy', 'traffic_occupancy', 76]]);
  });
});
