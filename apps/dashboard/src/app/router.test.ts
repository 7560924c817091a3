import { describe, expect, it } from 'vitest';
import { matchRoute, withParams } from './router.ts';

describe('routes', () => {
  it('maps paths to screens, the wall for anything unknown', () => {
    expect(matchRoute('/')).toBe('wall');
    expect(matchRoute('/operator')).toBe('operator');
    expect(matchRoute('/operator/')).toBe('operator');
    expect(matchRoute('/analyst/dossiers')).toBe('analyst');
    expect(matchRoute('/analyst')).toBe('explorer');
    expect(matchRoute('/analyst/')).toBe('explorer');
    expect(matchRoute('/operator/alerts')).toBe('alerts');
    expect(matchRoute('/analyst/reporting')).toBe('reporting');
    expect(matchRoute('/analyst/reporting/')).toBe('reporting');
    expect(matchRoute('/nowhere')).toBe('wall');
    expect(matchRoute('')).toBe('wall');
  });
});

describe('search params', () => {
  it('sets and removes params, keeping the others and their order', () => {
    expect(withParams('?lang=en&area=916', { area: '917' })).toBe('?lang=en&area=917');
    expect(withParams('?lang=en&area=916', { area: null, agency: '000.00.16.H13' })).toBe('?lang=en&agency=000.00.16.H13');
    expect(withParams('', { period: '2026-Q4', by: 'agency' })).toBe('?period=2026-Q4&by=agency');
    expect(withParams('?a=1', { a: '' })).toBe('');
    expect(withParams('?x=1', { n: 2 })).toBe('?x=1&n=2');
  });

  it('encodes values safely', () => {
    expect(withParams('', { dossier: 'HS 1&2#x' })).toBe('?dossier=HS+1%262%23x');
    expect(new URLSearchParams(withParams('', { dossier: 'HS 1&2#x' })).get('dossier')).toBe('HS 1&2#x');
  });
});
