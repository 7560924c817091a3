export * from './period.ts';
export * from './catalogue.ts';
export * from './status.ts';
export * from './evaluate.ts';
export * from './vi-number.ts';
export * from './validate.ts';
export * from './table-import.ts';
export * from './catalogue-766.ts';
