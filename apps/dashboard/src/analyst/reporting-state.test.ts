import { describe, expect, it } from 'vitest';
import { parseSearch } from '../app/search.ts';
import { reportingState, validateReportingSearch } from './reporting-state.ts';

const state = (url: string, ids: readonly string[]) => reportingState(validateReportingSearch(parseSearch(url)), ids);

describe('reporting analyst view in the URL', () => {
  it('reads the indicator and units, falling back on unknown values', () => {
    const ids = ['par_index', 'e_document_rate'];
    expect(state('?indicator=e_document_rate&units=SNV,916,SNV', ids)).toEqual({ indicator: 'e_document_rate', units: ['SNV', '916'] });
    expect(state('?indicator=<b>&units=<x>,92', ids)).toEqual({ indicator: 'par_index', units: ['92'] });
    expect(state('', ['dti_score'])).toEqual({ indicator: 'dti_score', units: [] });
  });

  it('declares its parameters once, typed', () => {
    expect(validateReportingSearch({ indicator: 'par_index', units: 'SYT' })).toEqual({ indicator: 'par_index', units: ['SYT'] });
    expect(validateReportingSearch({ indicator: '../x', units: '' })).toEqual({ indicator: undefined, units: undefined });
  });
});
