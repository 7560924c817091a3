import { describe, expect, it } from 'vitest';
import { dossierUrl, dossierUrlTemplateProblem } from './dossier-link.ts';

const T = 'https://dichvucong.cantho.gov.vn/ho-so/{code}';

describe('dossier link template', () => {
  it('puts the code (and the agency) in, URL-encoded', () => {
    expect(dossierUrl(T, { code: '000.00.21.H13-260303-0001' })).toBe('https://dichvucong.cantho.gov.vn/ho-so/000.00.21.H13-260303-0001');
    expect(dossierUrl('http://mc.local/tra-cuu?ma={code}&cq={agency}', { code: 'HS 1&2', agency: '000.135.00.H13' })).toBe(
      'http://mc.local/tra-cuu?ma=HS%201%262&cq=000.135.00.H13',
    );
    expect(dossierUrl(T, { code: 'Hồ sơ/1' })).toBe('https://dichvucong.cantho.gov.vn/ho-so/H%E1%BB%93%20s%C6%A1%2F1');
  });
  it('a hostile code cannot leave its place: no new path segment, query, fragment, host or markup', () => {
    const hostile = ['../../admin', '?x=1#y', '"><script>alert(1)</script>', '//evil.example/', 'a\u0000b'];
    const urls = hostile.map((code) => dossierUrl(T, { code })!);
    expect(urls).toEqual([
      'https://dichvucong.cantho.gov.vn/ho-so/..%2F..%2Fadmin',
      'https://dichvucong.cantho.gov.vn/ho-so/%3Fx%3D1%23y',
      'https://dichvucong.cantho.gov.vn/ho-so/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'https://dichvucong.cantho.gov.vn/ho-so/%2F%2Fevil.example%2F',
      'https://dichvucong.cantho.gov.vn/ho-so/a%00b',
    ]);
    for (const u of urls) {
      const parsed = new URL(u);
      expect(parsed.host).toBe('dichvucong.cantho.gov.vn');
      expect(parsed.pathname.split('/')).toHaveLength(3);
      expect(parsed.search + parsed.hash).toBe('');
    }
  });
  it('no link without a template, with a bad one, or without a value its placeholder needs', () => {
    expect(dossierUrl(null, { code: 'A' })).toBeNull();
    expect(dossierUrl('', { code: 'A' })).toBeNull();
    expect(dossierUrl('javascript:alert({code})', { code: 'A' })).toBeNull();
    expect(dossierUrl(T, { code: '' })).toBeNull();
    // a bare dot step is resolved by every URL parser, encoded or not
    expect(dossierUrl(T, { code: '..' })).toBeNull();
    expect(dossierUrl(T, { code: '.' })).toBeNull();
    expect(dossierUrl(T, { code: '...' })).toBe('https://dichvucong.cantho.gov.vn/ho-so/...');
    expect(dossierUrl('https://x.vn/{agency}/{code}', { code: 'A', agency: null })).toBeNull();
  });
  it('checks a template at start: http(s), a host, {code}, known placeholders only', () => {
    expect(dossierUrlTemplateProblem(T)).toBeNull();
    expect(dossierUrlTemplateProblem('https://x.vn/{agency}/{code}')).toBeNull();
    expect(dossierUrlTemplateProblem('https://x.vn/ho-so')).toMatch(/placeholder \{code\}/);
    expect(dossierUrlTemplateProblem('ftp://x.vn/{code}')).toMatch(/http\(s\) URL/);
    expect(dossierUrlTemplateProblem('javascript:alert({code})')).toMatch(/http\(s\) URL/);
    expect(dossierUrlTemplateProblem('https:///{code}')).toMatch(/with a host/);
    expect(dossierUrlTemplateProblem('https://x.vn/{code} x')).toMatch(/http\(s\) URL/);
    expect(dossierUrlTemplateProblem('https://x.vn/{code}/{unit}')).toBe('an unknown placeholder {unit}: only {code} and {agency}');
  });
});
