export * from './catalogue/indicator.ts';
export * from './catalogue/area.ts';
export * from './catalogue/catalogue.ts';
export * from './http/observation.ts';
export * from './http/errors.ts';
export * from './realtime/live.ts';
export * from './realtime/events.ts';
export * from './http/history.ts';

export * from './feeds/dossier.ts';
export * from './feeds/score766.ts';
export * from './http/dossiers.ts';
export * from './http/analyst.ts';
export * from './http/alerts.ts';
export * from './http/feed-health.ts';
export * from './http/ngsi.ts';
export * from './reporting/reporting.ts';
export * from './http/procedures.ts';
