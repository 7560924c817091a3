import { describe, expect, it } from 'vitest';
import { pageCount, pageOffset, periodSteps, SCORE766_PAGE_SIZE, validateScore766Search } from './score766-state.ts';

describe('the 766 drill-down parameters', () => {
  it('reads a full view', () => {
    expect(
      validateScore766Search({ unit: '000.135.00.H13', period: '2026-Q4', scheme: 'qd766-2022', group: 'progress', metric: '2.1', part: 'outside', page: '3' }),
    ).toEqual({
      unit: '000.135.00.H13',
      period: '2026-Q4',
      scheme: 'qd766-2022',
      group: 'progress',
      metric: '2.1',
      part: 'outside',
      page: 3,
    });
    expect(validateScore766Search({ period: '2026-12', metric: 'PUBLISH_ON_TIME' })).toMatchObject({ period: '2026-12', metric: 'PUBLISH_ON_TIME' });
  });

  it('leaves out what is unusable and falls back to the defaults', () => {
    expect(validateScore766Search({ unit: '<script>', period: '2026-13', scheme: 'qd766', group: 'A B', metric: '../x', part: 'all', page: '0' })).toEqual({
      unit: undefined,
      period: undefined,
      scheme: undefined,
      group: undefined,
      metric: undefined,
      part: 'numerator',
      page: 1,
    });
    expect(validateScore766Search({ page: '2.5' }).page).toBe(1);
    expect(validateScore766Search({}).part).toBe('numerator');
  });

  it('steps the period: previous and next of its kind, never past the current one, and the same moment as month, quarter, year', () => {
    const current = { month: '2026-12', quarter: '2026-Q4', year: '2026' };
    expect(periodSteps('2026-11', current)).toEqual({
      kind: 'month',
      previous: '2026-10',
      next: '2026-12',
      as: { month: '2026-11', quarter: '2026-Q4', year: '2026' },
    });
    expect(periodSteps('2026-01', current).previous).toBe('2025-12');
    expect(periodSteps('2026-12', current).next).toBeNull();
    expect(periodSteps('2026-Q1', current)).toMatchObject({ kind: 'quarter', previous: '2025-Q4', next: '2026-Q2', as: { month: '2026-01', year: '2026' } });
    expect(periodSteps('2025', current)).toMatchObject({ kind: 'year', previous: '2024', next: '2026', as: { month: '2025-01', quarter: '2025-Q1' } });
    expect(periodSteps('2026', current).next).toBeNull();
  });

  it('steps a half and nine months too, never to one that starts after the current month', () => {
    const december = { month: '2026-12', quarter: '2026-Q4', year: '2026' };
    // shown and stepped, but not one of the month / quarter / year switches
    expect(periodSteps('2026-H1', december)).toEqual({
      kind: null,
      previous: '2025-H2',
      next: '2026-H2',
      as: { month: '2026-01', quarter: '2026-Q1', year: '2026' },
    });
    expect(periodSteps('2025-H2', december)).toMatchObject({ previous: '2025-H1', next: '2026-H1' });
    expect(periodSteps('2026-H2', december)).toMatchObject({ previous: '2026-H1', next: null });
    expect(periodSteps('2025-9M', december)).toEqual({
      kind: null,
      previous: '2024-9M',
      next: '2026-9M',
      as: { month: '2025-01', quarter: '2025-Q1', year: '2025' },
    });
    // 2027's nine months start in January 2027: after the current month
    expect(periodSteps('2026-9M', december)).toMatchObject({ previous: '2025-9M', next: null });
    // in May the first half and the nine months of the year are running: they may be opened, the second half not yet
    const may = { month: '2026-05', quarter: '2026-Q2', year: '2026' };
    expect(periodSteps('2025-9M', may).next).toBe('2026-9M');
    expect(periodSteps('2025-H2', may).next).toBe('2026-H1');
    expect(periodSteps('2026-H1', may).next).toBeNull();
    expect(periodSteps('2026-Q1', may).next).toBe('2026-Q2');
    expect(periodSteps('2026-Q2', may).next).toBeNull();
  });

  it('pages the items', () => {
    expect(SCORE766_PAGE_SIZE).toBe(50);
    expect([pageOffset(1), pageOffset(3)]).toEqual([0, 100]);
    expect([pageCount(0), pageCount(50), pageCount(51)]).toEqual([1, 1, 2]);
  });
});
