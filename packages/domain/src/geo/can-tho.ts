import { StationSchema, type Area, type Catalogue, type Station } from '@cityioc/contracts';
import { Type } from 'typebox';
import { floodBands, INDICATORS } from '../catalogue/indicators.ts';
import { bundledData } from '../validation/bundled-data.ts';
import { registryCatalogue } from '../catalogue/registry-catalogue.ts';
import { loadAreaRegistry, type AreaRegistry } from './registry/area-registry.ts';
import registryFile from './registry/can-tho.registry.json' with { type: 'json' };
import stationsFile from './can-tho.stations.json' with { type: 'json' };

/**
 * The default data of the reference city, Cần Thơ: its area registry (can-tho.registry.json, the
 * default of IOC_AREAS_FILE), its demo stations and the catalogue of today's city built from both.
 * Nothing else in the code names Cần Thơ's units: everything reads the registry it is given.
 */

/** Cần Thơ's GSO code (QĐ 124/2004/QĐ-TTg; kept by QĐ 19/2025/QĐ-TTg) for the legacy list below. */
const CITY_CODE = '92';

/** Districts are valid until the two-tier reform of 1 July 2025 (Resolution 202/2025/QH15). */
const LEGACY_END = '2025-07-01';

function district(code: string, name: string, kind: 'quận' | 'huyện', lat: number, lon: number, areaKm2: number): Area {
  return {
    code,
    name,
    kind,
    level: 'district',
    parent: CITY_CODE,
    validFrom: '2009-01-01',
    validTo: LEGACY_END,
    centroid: [lon, lat],
    areaKm2,
  };
}

/**
 * The old city (GSO 92) and its 9 district-level units before 1 July 2025 (GSO 916–927) with the
 * centres and areas of BRIEF §4.1: the source of the registry's old districts (scripts/geo) and of
 * the legacy schematic districts. The running catalogue is today's city (CAN_THO_CATALOGUE).
 */
export const CAN_THO_AREAS: Area[] = [
  {
    code: CITY_CODE,
    name: 'Thành phố Cần Thơ',
    kind: 'thành phố',
    level: 'province',
    parent: null,
    validFrom: '2004-01-01',
    validTo: null,
    centroid: [105.783, 10.033],
    areaKm2: 1440.4,
  },
  district('916', 'Ninh Kiều', 'quận', 10.031, 105.765, 29.22),
  district('917', 'Ô Môn', 'quận', 10.127, 105.633, 126.35),
  district('918', 'Bình Thủy', 'quận', 10.064, 105.723, 67.2),
  district('919', 'Cái Răng', 'quận', 9.991, 105.787, 63.18),
  district('923', 'Thốt Nốt', 'quận', 10.272, 105.534, 117.41),
  district('924', 'Vĩnh Thạnh', 'huyện', 10.203, 105.38, 297.59),
  district('925', 'Cờ Đỏ', 'huyện', 10.122, 105.465, 319.81),
  district('926', 'Phong Điền', 'huyện', 9.998, 105.663, 125.29),
  district('927', 'Thới Lai', 'huyện', 10.027, 105.546, 255.66),
];

/** A row of can-tho.stations.json: a station whose water-level bands are given as its three alert levels. */
const StationRowSchema = Type.Object({
  ...StationSchema.properties,
  /** BĐ I, II, III in cm (QĐ 05/2020/QĐ-TTg): the station's water_level bands. */
  floodAlertLevelsCm: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number()])),
});
const StationsFileSchema = Type.Object({ stations: Type.Array(StationRowSchema) });

/**
 * Demo monitoring stations (can-tho.stations.json, where their sources are noted). Only the Cần Thơ
 * station's alert levels are official (QĐ 05/2020/QĐ-TTg); the others are illustrative for the demo
 * and say so. Each stands in the commune given by `area` and counted under its old district until
 * the reform (areaHistory).
 */
export const CAN_THO_STATIONS: Station[] = bundledData(StationsFileSchema, stationsFile, 'geo/can-tho.stations.json').stations.map((row) => {
  const { floodAlertLevelsCm, ...station } = row;
  return floodAlertLevelsCm ? { ...station, bands: { water_level: floodBands(...floodAlertLevelsCm) } } : station;
});

function loadDefaultRegistry(): AreaRegistry {
  const loaded = loadAreaRegistry(registryFile);
  if (!loaded.ok) throw new Error(`the bundled area registry is contradictory: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.registry;
}

/** The default area registry (can-tho.registry.json), validated. */
export const CAN_THO_REGISTRY: AreaRegistry = loadDefaultRegistry();

/** Today's Cần Thơ: the registry's latest layer (city 92 and its 103 communes from 1 July 2025), the indicators and the demo stations. */
export const CAN_THO_CATALOGUE: Catalogue = registryCatalogue(CAN_THO_REGISTRY, { indicators: INDICATORS, stations: CAN_THO_STATIONS });
