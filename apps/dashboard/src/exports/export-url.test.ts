import { describe, expect, it } from 'vitest';
import { defaultSeparator, exportUrl, score766ItemsTable } from './export-url.ts';

describe('export URLs', () => {
  const series = {
    table: 'analystSeries',
    query: { indicator: 'pm25', areas: '916,919', period: 'quarter', from: '2025-Q1', to: '2026-Q4', compare: undefined },
    lang: 'vi',
  } as const;

  it('asks the server for CSV or XLSX of the same query, CSV with the Vietnamese list separator by default', () => {
    expect(exportUrl(series, 'csv')).toBe(
      '/api/v1/analyst/series.csv?indicator=pm25&areas=916%2C919&period=quarter&from=2025-Q1&to=2026-Q4&lang=vi&sep=semicolon',
    );
    expect(exportUrl(series, 'xlsx')).toBe('/api/v1/analyst/series.xlsx?indicator=pm25&areas=916%2C919&period=quarter&from=2025-Q1&to=2026-Q4&lang=vi');
    expect(exportUrl({ ...series, lang: 'en' }, 'csv')).toMatch(/&lang=en&sep=comma$/);
    expect(exportUrl(series, 'csv', 'tab', 'https://ioc.example')).toBe(
      'https://ioc.example/api/v1/analyst/series.csv?indicator=pm25&areas=916%2C919&period=quarter&from=2025-Q1&to=2026-Q4&lang=vi&sep=tab',
    );
  });

  it('has one path per table, the JSON route with an extension', () => {
    expect(exportUrl({ table: 'reportingHistory', query: { indicator: 'par_index', units: 'SYT' }, lang: 'vi' }, 'csv', 'comma')).toBe(
      '/api/v1/reporting/history.csv?indicator=par_index&units=SYT&lang=vi&sep=comma',
    );
    expect(exportUrl({ table: 'reportingHistory', query: { indicator: 'par_index', units: '' }, lang: 'en' }, 'xlsx')).toBe(
      '/api/v1/reporting/history.xlsx?indicator=par_index&lang=en',
    );
    expect(exportUrl({ table: 'dossierIndicators', query: { period: '2026-Q4', scope: '92', by: 'agency' }, lang: 'vi' }, 'xlsx')).toBe(
      '/api/v1/dossiers/indicators.xlsx?period=2026-Q4&scope=92&by=agency&lang=vi',
    );
  });

  it('picks the separator by language', () => {
    expect(defaultSeparator('vi')).toBe('semicolon');
    expect(defaultSeparator('en')).toBe('comma');
  });

  it('exports the items behind a 766 metric, the metric code as a path segment', () => {
    const req = { table: score766ItemsTable('2.1'), query: { unit: '92', period: '2026-12', part: 'numerator' }, lang: 'vi' } as const;
    expect(exportUrl(req, 'csv')).toBe('/api/v1/score766/2.1/items.csv?unit=92&period=2026-12&part=numerator&lang=vi&sep=semicolon');
    expect(exportUrl({ ...req, table: score766ItemsTable('A/B') }, 'xlsx')).toBe(
      '/api/v1/score766/A%2FB/items.xlsx?unit=92&period=2026-12&part=numerator&lang=vi',
    );
  });
});
