import type { Band, Indicator } from '@cityioc/contracts';
import { FEED_INDICATORS } from './feed-indicators.ts';

/** VN_AQI levels, Decision 1459/QĐ-TCMT (2019): official colours. */
export const VN_AQI_BANDS: Band[] = [
  { id: 'good', label: { vi: 'Tốt', en: 'Good' }, from: 0, color: '#00E400' },
  { id: 'moderate', label: { vi: 'Trung bình', en: 'Moderate' }, from: 51, color: '#FFFF00' },
  { id: 'poor', label: { vi: 'Kém', en: 'Poor' }, from: 101, color: '#FF7E00' },
  { id: 'bad', label: { vi: 'Xấu', en: 'Bad' }, from: 151, color: '#FF0000' },
  { id: 'very_bad', label: { vi: 'Rất xấu', en: 'Very bad' }, from: 201, color: '#8F3F97' },
  { id: 'hazardous', label: { vi: 'Nguy hại', en: 'Hazardous' }, from: 301, color: '#7E0023' },
];

/** Flood alert bands (báo động, BĐ) built from a station's three alert levels in cm, QĐ 05/2020/QĐ-TTg. */
export function floodBands(bd1: number, bd2: number, bd3: number): Band[] {
  return [
    { id: 'below_bd1', label: { vi: 'Dưới BĐ I', en: 'Below alert I' }, from: null, color: '#2E9E5B' },
    { id: 'bd1', label: { vi: 'BĐ I', en: 'Alert I' }, from: bd1, color: '#F2C94C' },
    { id: 'bd2', label: { vi: 'BĐ II', en: 'Alert II' }, from: bd2, color: '#F2994A' },
    { id: 'bd3', label: { vi: 'BĐ III', en: 'Alert III' }, from: bd3, color: '#EB3B3B' },
  ];
}

/** Cần Thơ hydrological station on the Hậu river: BĐ I 1.80 m, II 1.90 m, III 2.00 m. */
export const CAN_THO_FLOOD_BANDS = floodBands(180, 190, 200);

/** The indicator catalogue of the spine. Feeds added later extend it. */
export const INDICATORS: Indicator[] = [
  {
    id: 'water_level',
    name: { vi: 'Mực nước', en: 'Water level' },
    unit: 'cm',
    direction: 'down',
    aggregation: 'max',
    cadenceSec: 300,
    decimals: 0,
    min: -300,
    max: 1500,
    bands: CAN_THO_FLOOD_BANDS,
    domain: 'monitoring',
  },
  {
    id: 'aqi',
    name: { vi: 'Chỉ số chất lượng không khí (VN_AQI)', en: 'Air quality index (VN_AQI)' },
    unit: 'AQI',
    direction: 'down',
    aggregation: 'max',
    cadenceSec: 3600,
    decimals: 0,
    min: 0,
    max: 500,
    bands: VN_AQI_BANDS,
    domain: 'monitoring',
  },
  {
    id: 'pm25',
    name: { vi: 'Bụi mịn PM2.5', en: 'Fine particulate PM2.5' },
    unit: 'µg/m³',
    direction: 'down',
    aggregation: 'avg',
    cadenceSec: 3600,
    decimals: 1,
    min: 0,
    max: 1000,
    domain: 'monitoring',
  },
  {
    id: 'dossiers_received',
    name: { vi: 'Hồ sơ tiếp nhận trong tháng', en: 'Dossiers received this month' },
    unit: 'hồ sơ',
    direction: 'none',
    aggregation: 'sum',
    cadenceSec: 900,
    decimals: 0,
    min: 0,
    domain: 'admin',
    derivedFrom: 'dossiers',
  },
  {
    id: 'dossiers_overdue',
    name: { vi: 'Hồ sơ đang quá hạn', en: 'Dossiers currently overdue' },
    unit: 'hồ sơ',
    direction: 'down',
    aggregation: 'sum',
    cadenceSec: 900,
    decimals: 0,
    min: 0,
    domain: 'admin',
    derivedFrom: 'dossiers',
  },
  {
    id: 'dossiers_on_time_rate',
    name: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'Dossiers finished on time' },
    unit: '%',
    direction: 'up',
    aggregation: 'ratio',
    cadenceSec: 900,
    decimals: 1,
    domain: 'admin',
    derivedFrom: 'dossiers',
  },
  {
    id: 'dossiers_online_rate',
    name: { vi: 'Tỷ lệ hồ sơ nộp trực tuyến', en: 'Dossiers submitted online' },
    unit: '%',
    direction: 'up',
    aggregation: 'ratio',
    cadenceSec: 900,
    decimals: 1,
    domain: 'admin',
    derivedFrom: 'dossiers',
  },
  {
    id: 'online_payment_rate',
    name: { vi: 'Tỷ lệ thanh toán trực tuyến', en: 'Online payment rate' },
    unit: '%',
    direction: 'up',
    aggregation: 'ratio',
    cadenceSec: 900,
    decimals: 1,
    /** Government target 30 % (Cần Thơ reached 42.4 % in 2023). */
    target: 30,
    domain: 'admin',
    derivedFrom: 'dossiers',
  },
  {
    id: 'dossiers_digitised_rate',
    name: { vi: 'Tỷ lệ hồ sơ được số hóa', en: 'Dossiers digitised' },
    unit: '%',
    direction: 'up',
    aggregation: 'ratio',
    cadenceSec: 900,
    decimals: 1,
    domain: 'admin',
    derivedFrom: 'dossiers',
  },
  {
    id: 'citizen_reports_received',
    name: { vi: 'Phản ánh hiện trường tiếp nhận', en: 'Citizen reports received' },
    unit: 'phản ánh',
    direction: 'none',
    aggregation: 'sum',
    cadenceSec: 900,
    decimals: 0,
    min: 0,
    domain: 'admin',
  },
  {
    id: 'e_document_rate',
    name: { vi: 'Tỷ lệ văn bản điện tử', en: 'Electronic documents' },
    unit: '%',
    direction: 'up',
    aggregation: 'ratio',
    cadenceSec: 86_400,
    decimals: 1,
    domain: 'reporting',
  },
  ...FEED_INDICATORS,
];
