export * from './catalogue/indicators.ts';
export * from './catalogue/catalogue-index.ts';
export * from './geo/can-tho.ts';
export * from './live/live-state.ts';
export * from './monitoring/bands.ts';
export * from './monitoring/freshness.ts';
export * from './monitoring/vn-aqi.ts';
export * from './validation/observation.ts';
