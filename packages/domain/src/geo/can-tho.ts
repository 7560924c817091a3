import type { Area, Catalogue, Station } from '@cityioc/contracts';
import { CAN_THO_FLOOD_BANDS, floodBands, INDICATORS } from '../catalogue/indicators.ts';
import { AIR_FEED_INDICATORS, FEED_STATIONS } from '../catalogue/feed-indicators.ts';

/** Cần Thơ's GSO code (QĐ 124/2004/QĐ-TTg; kept by QĐ 19/2025/QĐ-TTg): the one place it is written. */
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

/** Cần Thơ (GSO 92) and its 9 district-level units before 1 July 2025 (GSO 916–927). */
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

/**
 * Demo monitoring stations. Only the Cần Thơ station's alert levels are official
 * (QĐ 05/2020/QĐ-TTg); the others are illustrative for the demo and say so.
 */
export const CAN_THO_STATIONS: Station[] = [
  {
    id: 'wl-can-tho',
    name: 'Trạm thủy văn Cần Thơ (sông Hậu)',
    area: '916',
    location: [105.7883, 10.0378],
    indicators: ['water_level', 'flood_band', 'water_above_bd1'],
    bands: { water_level: CAN_THO_FLOOD_BANDS },
    thresholdSource: 'QĐ 05/2020/QĐ-TTg',
  },
  {
    id: 'wl-cai-rang',
    name: 'Trạm Cái Răng (sông Hậu)',
    area: '919',
    location: [105.8125, 9.9985],
    indicators: ['water_level', 'flood_band', 'water_above_bd1'],
    bands: { water_level: CAN_THO_FLOOD_BANDS },
    thresholdSource: 'demo',
  },
  {
    id: 'wl-o-mon',
    name: 'Trạm Ô Môn (sông Hậu)',
    area: '917',
    location: [105.6405, 10.1235],
    indicators: ['water_level', 'flood_band', 'water_above_bd1'],
    bands: { water_level: floodBands(185, 195, 205) },
    thresholdSource: 'demo',
  },
  {
    id: 'wl-thot-not',
    name: 'Trạm Thốt Nốt (sông Hậu)',
    area: '923',
    location: [105.5465, 10.2575],
    indicators: ['water_level', 'flood_band', 'water_above_bd1'],
    bands: { water_level: floodBands(190, 200, 210) },
    thresholdSource: 'demo',
  },
  {
    id: 'aq-ninh-kieu',
    name: 'Quan trắc không khí Ninh Kiều',
    area: '916',
    location: [105.7705, 10.0335],
    indicators: ['aqi', 'pm25', ...AIR_FEED_INDICATORS, 'aqi_nowcast', 'aqi_daily'],
  },
  {
    id: 'aq-tra-noc',
    name: 'Quan trắc không khí KCN Trà Nóc (Bình Thủy)',
    area: '918',
    location: [105.7305, 10.0905],
    indicators: ['aqi', 'pm25', ...AIR_FEED_INDICATORS, 'aqi_nowcast', 'aqi_daily'],
  },
  {
    id: 'aq-cai-rang',
    name: 'Quan trắc không khí Cái Răng',
    area: '919',
    location: [105.7785, 9.9875],
    indicators: ['aqi', 'pm25', ...AIR_FEED_INDICATORS, 'aqi_nowcast', 'aqi_daily'],
  },
  ...FEED_STATIONS,
];

export const CAN_THO_CATALOGUE: Catalogue = {
  city: {
    code: CITY_CODE,
    name: 'Thành phố Cần Thơ',
    timeZone: 'Asia/Ho_Chi_Minh',
    center: [105.62, 10.1],
    zoom: 9.6,
  },
  indicators: INDICATORS,
  areas: CAN_THO_AREAS,
  stations: CAN_THO_STATIONS,
};
