export * from './catalogue/indicator.ts';
export * from './catalogue/area.ts';
export * from './catalogue/catalogue.ts';
export * from './http/observation.ts';
export * from './http/errors.ts';
export * from './realtime/live.ts';
export * from './realtime/events.ts';
export * from './http/history.ts';
