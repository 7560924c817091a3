import { describe, expect, it } from 'vitest';
import { parseSearch, stringifySearch } from '../app/search.ts';
import { OPERATOR_SEARCH_DEFAULTS, validateOperatorSearch } from './operator-state.ts';

describe('operator page URL', () => {
  it('reads the unit, the filter, the sort and the open dossier', () => {
    expect(validateOperatorSearch(parseSearch('?area=916&show=overdue&sort=due-asc&dossier=HS+1%262'))).toEqual({
      area: '916',
      agency: undefined,
      show: 'overdue',
      sort: 'due-asc',
      dossier: 'HS 1&2',
      csort: 'overdue-desc',
      cshow: 'attention',
    });
    expect(validateOperatorSearch(parseSearch('?csort=alerts-asc&cshow=all'))).toMatchObject({ csort: 'alerts-asc', cshow: 'all' });
    expect(validateOperatorSearch({ csort: 'x-asc', cshow: 'some' })).toMatchObject({ csort: 'overdue-desc', cshow: 'attention' });
    expect(validateOperatorSearch({ agency: '000.21.00.H13' })).toMatchObject({ area: undefined, agency: '000.21.00.H13' });
  });

  it('prefers a district to an agency and falls back on defaults for junk', () => {
    expect(validateOperatorSearch({ area: '916', agency: '000.21.00.H13' })).toMatchObject({ area: '916', agency: undefined });
    expect(validateOperatorSearch({ area: '<b>', agency: 'a b', show: 'x', sort: 'name-up', dossier: 'a\u0000' })).toEqual({
      area: undefined,
      agency: undefined,
      ...OPERATOR_SEARCH_DEFAULTS,
      dossier: undefined,
    });
  });

  it('is its own fixed point: what a navigation writes reads back the same', () => {
    const s = validateOperatorSearch({ area: '917', show: 'dueSoon', sort: 'received-asc', dossier: 'E2E-<b>bold</b>-916', csort: 'unit-asc', cshow: 'all' });
    expect(validateOperatorSearch(parseSearch(stringifySearch(s)))).toEqual(s);
  });
});
