/**
 * How the attributes of the Smart Data Models the IOC reads become catalogue indicators: which
 * indicator, in which unit the model gives the value when the attribute names none, and which
 * declared `unitCode`s convert into the indicator's unit. Data, with its sources:
 *
 * Unit codes: UNECE Recommendation 20, "Codes for Units of Measure Used in International Trade"
 * (the UN/CEFACT common codes NGSI `unitCode` uses): MTR metre, CMT centimetre, MMT millimetre,
 * GQ microgram per cubic metre, GP milligram per cubic metre, M1 milligram per litre, D10 siemens
 * per metre, H61 millisiemens per centimetre, G42 microsiemens per centimetre, CEL degree Celsius,
 * FAH degree Fahrenheit, KEL kelvin, KMH kilometre per hour, MTS metre per second, HM mile per
 * hour, P1 percent, C62 one (a pure number).
 *
 * Model defaults: the Smart Data Models specifications (github.com/smart-data-models), read
 * December 2026, cited per attribute in `source`.
 */

/** `value × factor + offset` is the value in the indicator's unit. */
export interface UnitConversion {
  label: string;
  factor: number;
  offset?: number;
}

export interface AttributeModel {
  indicator: string;
  /** The unit assumed when the attribute names none (keyValues payloads cannot carry one). */
  default: UnitConversion;
  /** Declared unitCode → conversion into the indicator's unit; any other code is refused. */
  codes: Readonly<Record<string, UnitConversion>>;
  /** Where the default unit comes from. */
  source: string;
  /** A count over the observation period, turned into a rate per hour (needs the period). */
  perPeriod?: true;
  /**
   * Not an attribute of the model's schema (it appears only in some of its examples): read only
   * when the model's own attribute for the same series is absent, flagged; refused beside it.
   */
  standIn?: { for: string };
}

const TO_CM: Record<string, UnitConversion> = { MTR: { label: 'm', factor: 100 }, CMT: { label: 'cm', factor: 1 }, MMT: { label: 'mm', factor: 0.1 } };
const TO_UG_M3: Record<string, UnitConversion> = { GQ: { label: 'µg/m³', factor: 1 }, GP: { label: 'mg/m³', factor: 1000 } };
const TO_KMH: Record<string, UnitConversion> = {
  KMH: { label: 'km/h', factor: 1 },
  MTS: { label: 'm/s', factor: 3.6 },
  HM: { label: 'mile/h', factor: 1.609344 },
};
const TO_PERCENT: Record<string, UnitConversion> = { C62: { label: 'fraction (0–1)', factor: 100 }, P1: { label: '%', factor: 1 } };
const TO_US_CM: Record<string, UnitConversion> = {
  D10: { label: 'S/m', factor: 10_000 },
  H61: { label: 'mS/cm', factor: 1000 },
  G42: { label: 'µS/cm', factor: 1 },
};
const TO_CELSIUS: Record<string, UnitConversion> = {
  CEL: { label: '°C', factor: 1 },
  FAH: { label: '°F', factor: 5 / 9, offset: -160 / 9 },
  KEL: { label: 'K', factor: 1, offset: -273.15 },
};

const AIR =
  'AirQualityObserved (dataModel.Environment): the schema gives no unit; the FIWARE/GSMA specification makes unitCode mandatory ' +
  '(GP mg/m³, GQ µg/m³) and its normalized example declares GQ. keyValues cannot carry a unitCode, so its absence is read as µg/m³, ' +
  'the unit of the VN_AQI breakpoints (QĐ 1459/QĐ-TCMT).';
const air = (indicator: string): AttributeModel => ({ indicator, default: TO_UG_M3.GQ!, codes: TO_UG_M3, source: AIR });

const HEIGHT =
  'WaterObserved (dataModel.Environment): height, "Water height - Level reach on alert coasts" (schema.org/height), states no unit; ' +
  'the model gives its other heights (objectHeightAverage, objectHeightMax) in metres (MTR) and its examples read as metres.';
const CURRENT_LEVEL =
  'FloodMonitoring (dataModel.Environment): currentLevel = referenceLevel − measuredDistance states no unit; the model’s example ' +
  '(4.2 − 3.22 = 0.98) is in metres.';

/** Attribute names as in the Smart Data Models (dataModel.Environment, dataModel.WaterQuality, dataModel.Transportation). */
export const NGSI_TYPES: Readonly<Record<string, Readonly<Record<string, AttributeModel>>>> = {
  AirQualityObserved: { pm25: air('pm25'), pm10: air('pm10'), no2: air('no2'), so2: air('so2'), co: air('co'), o3: air('o3') },
  WaterObserved: {
    height: { indicator: 'water_level', default: TO_CM.MTR!, codes: TO_CM, source: HEIGHT },
    waterLevel: {
      indicator: 'water_level',
      default: TO_CM.MTR!,
      codes: TO_CM,
      source: 'not in the WaterObserved schema; appears in its NGSI v2 examples only (beside height, with another value)',
      standIn: { for: 'height' },
    },
  },
  FloodMonitoring: {
    currentLevel: { indicator: 'water_level', default: TO_CM.MTR!, codes: TO_CM, source: CURRENT_LEVEL },
    waterLevel: {
      indicator: 'water_level',
      default: TO_CM.MTR!,
      codes: TO_CM,
      source: 'not in the FloodMonitoring schema (whose level is currentLevel)',
      standIn: { for: 'currentLevel' },
    },
  },
  TrafficFlowObserved: {
    intensity: {
      indicator: 'traffic_intensity',
      default: { label: 'vehicles in the observation period', factor: 1 },
      codes: {},
      source: 'TrafficFlowObserved (dataModel.Transportation): "Total number of vehicles detected during this observation period"',
      perPeriod: true,
    },
    averageVehicleSpeed: {
      indicator: 'traffic_speed',
      default: TO_KMH.KMH!,
      codes: TO_KMH,
      source: 'TrafficFlowObserved (dataModel.Transportation): averageVehicleSpeed, "Default unit: Kilometer per hour (Km/h)"',
    },
    occupancy: {
      indicator: 'traffic_occupancy',
      default: TO_PERCENT.C62!,
      codes: TO_PERCENT,
      source: 'TrafficFlowObserved (dataModel.Transportation): occupancy, "Fraction of the observation time…", a number between 0 and 1',
    },
  },
  WaterQualityObserved: {
    pH: {
      indicator: 'wq_ph',
      default: { label: 'pH', factor: 1 },
      codes: { C62: { label: 'pH (pure number)', factor: 1 } },
      source: 'WaterQualityObserved (dataModel.Environment): pH, "Default unit: Negative of the logarithm to base 10 of the activity of the hydrogen ion"',
    },
    O2: {
      indicator: 'wq_do',
      default: { label: 'mg/L', factor: 1 },
      codes: { M1: { label: 'mg/L', factor: 1 } },
      source: 'WaterQualityObserved (dataModel.Environment): O2, "Default unit: milligrams per liter (mg/L)"',
    },
    turbidity: {
      indicator: 'wq_turbidity',
      // FTU (ISO 7027) and NTU (EPA 180.1) are both calibrated on formazin and read the same number on it
      default: { label: 'FTU', factor: 1 },
      codes: {},
      source: 'WaterQualityObserved (dataModel.Environment): turbidity, "Default unit: Formazin Turbidity Unit (FTU)"',
    },
    temperature: {
      indicator: 'wq_temperature',
      default: TO_CELSIUS.CEL!,
      codes: TO_CELSIUS,
      source: 'WaterQualityObserved (dataModel.Environment): temperature, "Default unit: Celsius Degrees"',
    },
    conductivity: {
      indicator: 'wq_conductivity',
      default: TO_US_CM.D10!,
      codes: TO_US_CM,
      source: 'WaterQualityObserved (dataModel.Environment): conductivity, "Default unit: Siemens per meter (S/m)"; our indicator is in µS/cm',
    },
  },
};

export const NGSI_ENTITY_TYPES = Object.keys(NGSI_TYPES);

/** A value in the attribute's unit → the indicator's unit, rounded to 6 decimals against float noise. */
export function convertUnit(value: number, u: UnitConversion): number {
  return Math.round((value * u.factor + (u.offset ?? 0)) * 1e6) / 1e6;
}
