import type { Indicator, Station } from '@cityioc/contracts';

/**
 * Indicators the monitoring connectors (MQTT, NGSI-LD, NGSI v2) bring in beside the spine's
 * water_level / aqi / pm25 and the VN_AQI pollutants (catalogue/indicators.ts): traffic flow per road segment and
 * water-quality parameters. One place for their ids so that connectors, alerts and panels agree.
 */
const monitoring = (
  id: string,
  vi: string,
  en: string,
  unit: string,
  extra: Partial<Indicator> & Pick<Indicator, 'aggregation' | 'cadenceSec' | 'decimals'>,
): Indicator => ({ id, name: { vi, en }, unit, direction: 'down', domain: 'monitoring', ...extra });

export const FEED_INDICATORS: Indicator[] = [
  monitoring('traffic_intensity', 'Lưu lượng xe', 'Traffic intensity', 'xe/giờ', {
    direction: 'none',
    aggregation: 'sum',
    cadenceSec: 300,
    decimals: 0,
    min: 0,
    max: 50_000,
  }),
  monitoring('traffic_speed', 'Tốc độ trung bình', 'Average speed', 'km/h', {
    direction: 'up',
    aggregation: 'avg',
    cadenceSec: 300,
    decimals: 0,
    min: 0,
    max: 200,
  }),
  monitoring('traffic_occupancy', 'Độ chiếm dụng làn', 'Lane occupancy', '%', {
    aggregation: 'avg',
    cadenceSec: 300,
    decimals: 0,
    min: 0,
    max: 100,
  }),
  monitoring('wq_ph', 'Độ pH của nước', 'Water pH', 'pH', { direction: 'none', aggregation: 'avg', cadenceSec: 3600, decimals: 1, min: 0, max: 14 }),
  monitoring('wq_do', 'Ôxy hòa tan (DO)', 'Dissolved oxygen (DO)', 'mg/L', {
    direction: 'up',
    aggregation: 'avg',
    cadenceSec: 3600,
    decimals: 1,
    min: 0,
    max: 30,
  }),
  monitoring('wq_turbidity', 'Độ đục', 'Turbidity', 'NTU', { aggregation: 'avg', cadenceSec: 3600, decimals: 0, min: 0, max: 10_000 }),
  monitoring('wq_temperature', 'Nhiệt độ nước', 'Water temperature', '°C', {
    direction: 'none',
    aggregation: 'avg',
    cadenceSec: 3600,
    decimals: 1,
    min: 0,
    max: 50,
  }),
  monitoring('wq_conductivity', 'Độ dẫn điện', 'Conductivity', 'µS/cm', { aggregation: 'avg', cadenceSec: 3600, decimals: 0, min: 0, max: 100_000 }),
];

/** The air pollutants an air station reports beside aqi and pm25 (defined in indicators.ts). */
export const AIR_FEED_INDICATORS = ['pm10', 'no2', 'so2', 'co', 'o3'];

/**
 * Road segments with traffic counters and water-quality stations (demo locations, our own). A
 * road segment's `segment` is a short illustrative line along the road through its point, drawn on
 * the wall map coloured by speed; the coordinates are ours, not surveyed.
 */
export const FEED_STATIONS: Station[] = [
  {
    id: 'tf-cau-can-tho',
    name: 'Đoạn đường dẫn cầu Cần Thơ (QL1A)',
    area: '31186',
    areaHistory: [{ area: '919', until: '2025-07-01' }],
    location: [105.7905, 10.0135],
    indicators: ['traffic_intensity', 'traffic_speed', 'traffic_occupancy'],
    segment: [
      [105.7838, 10.0092],
      [105.7905, 10.0135],
      [105.7972, 10.0181],
    ],
  },
  {
    id: 'tf-30-thang-4',
    name: 'Đường 30 Tháng 4 (Ninh Kiều)',
    area: '31147',
    areaHistory: [{ area: '916', until: '2025-07-01' }],
    location: [105.7645, 10.0215],
    indicators: ['traffic_intensity', 'traffic_speed', 'traffic_occupancy'],
    segment: [
      [105.7702, 10.0284],
      [105.7645, 10.0215],
      [105.7588, 10.0152],
    ],
  },
  {
    id: 'tf-cmt8',
    name: 'Đường Cách Mạng Tháng 8 (Bình Thủy)',
    area: '31183',
    areaHistory: [{ area: '918', until: '2025-07-01' }],
    location: [105.7535, 10.0555],
    indicators: ['traffic_intensity', 'traffic_speed', 'traffic_occupancy'],
    segment: [
      [105.7628, 10.0468],
      [105.7535, 10.0555],
      [105.7447, 10.0632],
    ],
  },
  {
    id: 'wq-song-hau',
    name: 'Quan trắc chất lượng nước sông Hậu (Ninh Kiều)',
    area: '31135',
    areaHistory: [{ area: '916', until: '2025-07-01' }],
    location: [105.782, 10.036],
    indicators: ['wq_ph', 'wq_do', 'wq_turbidity', 'wq_temperature', 'wq_conductivity'],
  },
  {
    id: 'wq-rach-cai-khe',
    name: 'Quan trắc chất lượng nước rạch Cái Khế',
    area: '31120',
    areaHistory: [{ area: '916', until: '2025-07-01' }],
    location: [105.7745, 10.0455],
    indicators: ['wq_ph', 'wq_do', 'wq_turbidity', 'wq_temperature', 'wq_conductivity'],
  },
];

/** A box around Cần Thơ, [west, south, east, north]: readings outside it are suspect (e.g. swapped axes). */
export const CAN_THO_BBOX: [number, number, number, number] = [105.2, 9.85, 106.0, 10.4];
