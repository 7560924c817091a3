import { describe, expect, it } from 'vitest';
import { pageCount, pageOffset, SCORE766_PAGE_SIZE, validateScore766Search } from './score766-state.ts';

describe('the 766 drill-down parameters', () => {
  it('reads a full view', () => {
    expect(validateScore766Search({ unit: '000.135.00.H13', period: '2026-Q4', group: 'progress', metric: '2.1', part: 'outside', page: '3' })).toEqual({
      unit: '000.135.00.H13',
      period: '2026-Q4',
      group: 'progress',
      metric: '2.1',
      part: 'outside',
      page: 3,
    });
    expect(validateScore766Search({ period: '2026-12', metric: 'PUBLISH_ON_TIME' })).toMatchObject({ period: '2026-12', metric: 'PUBLISH_ON_TIME' });
  });

  it('leaves out what is unusable and falls back to the defaults', () => {
    expect(validateScore766Search({ unit: '<script>', period: '2026-13', group: 'A B', metric: '../x', part: 'all', page: '0' })).toEqual({
      unit: undefined,
      period: undefined,
      group: undefined,
      metric: undefined,
      part: 'numerator',
      page: 1,
    });
    expect(validateScore766Search({ page: '2.5' }).page).toBe(1);
    expect(validateScore766Search({}).part).toBe('numerator');
  });

  it('pages the items', () => {
    expect(SCORE766_PAGE_SIZE).toBe(50);
    expect([pageOffset(1), pageOffset(3)]).toEqual([0, 100]);
    expect([pageCount(0), pageCount(50), pageCount(51)]).toEqual([1, 1, 2]);
  });
});
