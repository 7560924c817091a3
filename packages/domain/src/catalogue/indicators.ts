import { IndicatorSchema, type Band, type Indicator } from '@cityioc/contracts';
import { Type } from 'typebox';
import { bundledData } from '../validation/bundled-data.ts';
import indicatorsFile from './indicators.json' with { type: 'json' };
import { DOSSIER_LIVE_INDICATOR_IDS, DOSSIERS_DERIVED_FROM } from '../procedures/indicators/live-indicators.ts';

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

const BAND_TABLES = { vn_aqi: VN_AQI_BANDS, can_tho_flood: CAN_THO_FLOOD_BANDS };

/** A row of indicators.json: an indicator whose `bands` names one of the tables above. */
const IndicatorRowSchema = Type.Object({
  ...IndicatorSchema.properties,
  bands: Type.Optional(Type.Union([Type.Literal('vn_aqi'), Type.Literal('can_tho_flood')])),
});
const IndicatorsFileSchema = Type.Object({ indicators: Type.Array(IndicatorRowSchema) });

/** The indicator catalogue of the spine (indicators.json), before the dossier-derived ones are marked (see below). */
const BASE_INDICATORS: Indicator[] = bundledData(IndicatorsFileSchema, indicatorsFile, 'catalogue/indicators.json').indicators.map((row) => {
  const { bands, ...indicator } = row;
  // spreading the row keeps the file's key order: the catalogue is served as it is read
  return bands ? { ...row, bands: BAND_TABLES[bands] } : indicator;
});

/**
 * The indicator catalogue of the spine. Feeds added later extend it. The dossier-derived live
 * indicators get their `derivedFrom` from the one list in procedures/indicators/live-indicators.ts.
 */
export const INDICATORS: Indicator[] = BASE_INDICATORS.map((i) =>
  DOSSIER_LIVE_INDICATOR_IDS.includes(i.id) ? { ...i, derivedFrom: DOSSIERS_DERIVED_FROM } : i,
);
