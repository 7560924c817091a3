import { describe, expect, it } from 'vitest';
import { listOf, matching, numberIn, oneOf, parseSearch, stringifySearch, switchOn, validateRootSearch, withoutDefaults } from './search.ts';

describe('URL search strings', () => {
  it('parses flat key=value pairs, the first of a repeated key', () => {
    expect(parseSearch('?lang=en&area=916&area=917')).toEqual({ lang: 'en', area: '916' });
    expect(parseSearch('units=916%2C919&dossier=HS+1%262%23x')).toEqual({ units: '916,919', dossier: 'HS 1&2#x' });
    expect(parseSearch('')).toEqual({});
  });

  it('writes them back in the object order, leaving out what is empty', () => {
    expect(stringifySearch({ indicator: 'pm25', kind: 'quarter', units: ['916', '919'], compare: 'previous' })).toBe(
      '?indicator=pm25&kind=quarter&units=916%2C919&compare=previous',
    );
    expect(stringifySearch({ a: undefined, b: null, c: '', d: [], e: Number.NaN })).toBe('');
    expect(stringifySearch({ rotate: false, sceneSeconds: 20 })).toBe('?rotate=0&sceneSeconds=20');
  });

  it('leaves defaults out', () => {
    expect(withoutDefaults({ area: '916', show: 'all', sort: 'days-desc', units: [] as string[] }, { show: 'all', sort: 'days-desc', units: [] })).toEqual({
      area: '916',
    });
    expect(withoutDefaults({ show: 'overdue', rotate: false }, { show: 'all', rotate: true })).toEqual({ show: 'overdue', rotate: false });
  });

  it('round-trips text that needs escaping', () => {
    const s = stringifySearch({ dossier: 'HS 1&2#x', name: 'Cần Thơ' });
    expect(s).toBe('?dossier=HS+1%262%23x&name=C%E1%BA%A7n+Th%C6%A1');
    expect(parseSearch(s)).toEqual({ dossier: 'HS 1&2#x', name: 'Cần Thơ' });
  });
});

describe('coercions', () => {
  it('keeps allowed and well-formed values only', () => {
    expect(oneOf('quarter', ['month', 'quarter'] as const)).toBe('quarter');
    expect(oneOf('__proto__', ['month', 'quarter'] as const)).toBeUndefined();
    expect(oneOf(undefined, ['month'] as const)).toBeUndefined();
    expect(matching('916', /^\d{2,5}$/)).toBe('916');
    expect(matching(916, /^\d{2,5}$/)).toBe('916');
    expect(matching('<b>', /^\d{2,5}$/)).toBeUndefined();
  });

  it('reads lists, dropping junk and repeats, up to a limit', () => {
    expect(listOf('916,x, 919 ,916', /^\d{2,5}$/)).toEqual(['916', '919']);
    expect(listOf(['916', '917'], /^\d{2,5}$/, 1)).toEqual(['916']);
    expect(listOf(undefined, /./)).toEqual([]);
  });

  it('reads numbers within bounds and on/off switches', () => {
    expect(numberIn('20', 5, 3600)).toBe(20);
    expect(numberIn('1', 5, 3600)).toBeUndefined();
    expect(numberIn('abc', 5, 3600)).toBeUndefined();
    expect(numberIn('', 5, 3600)).toBeUndefined();
    for (const off of ['0', 'false', 'off', 'NO', false]) expect(switchOn(off)).toBe(false);
    for (const on of ['1', 'yes', undefined, true]) expect(switchOn(on)).toBe(true);
  });

  it('accepts ?lang=vi|en on every page', () => {
    expect(validateRootSearch({ lang: 'en' })).toEqual({ lang: 'en' });
    expect(validateRootSearch({ lang: 'fr' })).toEqual({});
  });
});
