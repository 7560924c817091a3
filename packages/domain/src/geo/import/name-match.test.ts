import { describe, expect, it } from 'vitest';
import { matchFeatures, type MatchCandidate } from './name-match.ts';
import { isMissing, parseBoundaryNumber } from './vi-number.ts';
import { englishName, looseKey, nameKey, stripUnitPrefix, unaccent } from './vi-text.ts';

const unit = (code: string, name: string, type: string): MatchCandidate => ({ code, name, type, level: 'commune' });
const today = [
  unit('31135', 'Ninh Kiều', 'phường'),
  unit('31153', 'Ô Môn', 'phường'),
  unit('31168', 'Bình Thủy', 'phường'),
  unit('31273', 'Đông Hiệp', 'xã'),
  unit('31338', 'Hỏa Lựu', 'xã'),
  unit('31393', 'Hòa An', 'xã'),
  unit('31507', 'Sóc Trăng', 'phường'),
];

describe('Vietnamese name keys', () => {
  it('meet across tone placement (Thuỷ/Thủy, Hoà/Hòa, Hoả/Hỏa) but keep different tones apart', () => {
    expect(nameKey('Bình Thuỷ')).toBe(nameKey('Bình Thủy'));
    expect(nameKey('Hoà An')).toBe(nameKey('Hòa An'));
    expect(nameKey('Hoả Lựu')).toBe(nameKey('Hỏa Lựu'));
    expect(nameKey('Hòa')).not.toBe(nameKey('Hóa'));
    expect(nameKey('Ninh Kiều')).not.toBe(nameKey('Ninh Kiêu'));
  });

  it('meet across case, missing spaces, decomposed text and the Ð/ð lookalikes of Đ/đ', () => {
    expect(nameKey('NinhKiều')).toBe(nameKey('Ninh Kiều'));
    expect(nameKey('BìnhThuỷ')).toBe(nameKey('Bình Thủy'));
    expect(nameKey('ThạnhHoà')).toBe(nameKey('Thạnh Hòa'));
    expect(nameKey('NINH KIỀU')).toBe(nameKey('ninh kiều'));
    expect(nameKey('Ninh Kiều'.normalize('NFD'))).toBe(nameKey('Ninh Kiều'));
    expect(nameKey('\u00D0ông Hiệp')).toBe(nameKey('Đông Hiệp'));
    expect(nameKey('\u00F0ông hiệp')).toBe(nameKey('Đông Hiệp'));
    expect(looseKey('Sóc Trăng')).toBe(looseKey('Soc Trang'));
  });

  it.each([
    ['Phường Ninh Kiều', 'Ninh Kiều'],
    ['Xã Hòa An', 'Hòa An'],
    ['Thị trấn Thạnh An', 'Thạnh An'],
    ['Huyện Cờ Đỏ', 'Cờ Đỏ'],
    ['Quận Ninh Kiều', 'Ninh Kiều'],
    ['TP. Cần Thơ', 'Cần Thơ'],
    ['P. Cái Khế', 'Cái Khế'],
    ['Phường 5', 'Phường 5'],
    ['Phường VII', 'Phường VII'],
    ['Phú Lợi', 'Phú Lợi'],
    ['Xà Phiên', 'Xà Phiên'],
  ])('strips the unit-type prefix, except from numbered wards: %s → %s', (name, stripped) => {
    expect(stripUnitPrefix(name)).toBe(stripped);
  });

  it('English names are unaccented with the type', () => {
    expect(englishName('Ninh Kiều', 'phường')).toBe('Ninh Kieu Ward');
    expect(englishName('Đông Hiệp', 'xã')).toBe('Dong Hiep Commune');
    expect(englishName('Phường 5', 'phường')).toBe('Ward 5');
    expect(englishName('Vị Thanh 1', 'xã')).toBe('Vi Thanh 1 Commune');
    expect(unaccent('Ðức')).toBe('Duc');
  });
});

describe('vi-VN numbers and "NA" strings', () => {
  it.each([
    ['6.360,83', 6360.83],
    ['1.164', 1164],
    ['1.234.567', 1234567],
    ['41,67', 41.67],
    ['10.04', 10.04],
    ['6,360.83', 6360.83],
    ['1,234,567', 1234567],
    [' 5 ', 5],
    [12.5, 12.5],
    ['12 km²', null],
  ] as const)('reads an area written as sources write it: %j → %j', (written, value) => {
    expect(parseBoundaryNumber(written)).toBe(value);
  });

  it('treats NA, N/A, empty and null as missing', () => {
    for (const v of ['NA', 'N/A', 'n/a', '', '  ', 'null', null, undefined, Number.NaN]) expect(isMissing(v), String(v)).toBe(true);
    expect(isMissing('0')).toBe(false);
    expect(parseBoundaryNumber('NA')).toBeNull();
  });
});

describe('matching boundary features to registry units', () => {
  const features = [
    { properties: { code: '31135', name: 'Phường Ninh Kiều' } },
    { properties: { MA: 31168 } },
    { properties: { code: '031153' } },
    { id: 31338, properties: { ten: 'whatever' } },
    { properties: { name: 'Phường Bình Thuỷ', code: 'NA' } },
    { properties: { ten: 'NinhKiều' } },
    { properties: { name: 'Xã Hoà An', dien_tich: '61,62' } },
    { properties: { name: '\u00D0ông Hiệp' } },
    { properties: { name: 'Soc Trang', areaKm2: '41,67' } },
    { properties: { name: 'N/A', code: '' } },
    { properties: { name: 'Phường Không Có', code: '99999' } },
    { properties: null },
  ];
  const report = matchFeatures(features, today);

  it('reports how each feature matched', () => {
    expect(report.features).toEqual([
      { index: 0, status: 'matched', code: '31135', by: 'code', areaKm2: null },
      { index: 1, status: 'matched', code: '31168', by: 'code', areaKm2: null },
      { index: 2, status: 'matched', code: '31153', by: 'code', areaKm2: null },
      { index: 3, status: 'matched', code: '31338', by: 'feature-id', areaKm2: null },
      // "Bình Thuỷ" (old tone placement, with prefix, code "NA") is Bình Thủy: found by name, already taken by feature 1.
      { index: 4, status: 'duplicate', code: '31168', by: 'name', duplicateOf: 1 },
      { index: 5, status: 'duplicate', code: '31135', by: 'name', duplicateOf: 0 },
      { index: 6, status: 'matched', code: '31393', by: 'name', areaKm2: 61.62 },
      { index: 7, status: 'matched', code: '31273', by: 'name', areaKm2: null },
      { index: 8, status: 'matched', code: '31507', by: 'name-unaccented', areaKm2: 41.67 },
      { index: 9, status: 'unmatched', reason: 'no code and no name (missing or "NA")', name: null, codeValue: null },
      { index: 10, status: 'unmatched', reason: 'no registry unit with code 99999 or name "Phường Không Có"', name: 'Phường Không Có', codeValue: '99999' },
      { index: 11, status: 'unmatched', reason: 'no code and no name (missing or "NA")', name: null, codeValue: null },
    ]);
  });

  it('lists the registry units no feature matched', () => {
    expect(report.missing.map((c) => c.code)).toEqual([]);
    expect(matchFeatures(features.slice(0, 3), today).missing.map((c) => c.code)).toEqual(['31273', '31338', '31393', '31507']);
  });

  it('a code that is not a registry code falls back to the name, and says so', () => {
    const r = matchFeatures([{ properties: { code: 'VNM.12.3_1', name: 'Ô Môn' } }, { properties: { code: 77, name: 'Ô Môn' } }], today);
    expect(r.features[0]).toEqual({ index: 0, status: 'matched', code: '31153', by: 'name', areaKm2: null });
    expect(r.features[1]).toEqual({ index: 1, status: 'duplicate', code: '31153', by: 'name', duplicateOf: 0 });
    const n = matchFeatures([{ properties: { code: 77, name: 'Ô Môn' } }], today).features[0];
    expect(n).toEqual({ index: 0, status: 'matched', code: '31153', by: 'name', areaKm2: null, note: 'code 77 is not a registry code; matched by name' });
  });

  it('one name for two units: the type prefix or a type property decides, else the feature is ambiguous', () => {
    const old = [unit('31231', 'Thạnh An', 'thị trấn'), unit('31240', 'Thạnh An', 'xã')];
    const r = matchFeatures(
      [
        { properties: { name: 'Thạnh An' } },
        { properties: { name: 'Thị trấn Thạnh An' } },
        { properties: { name: 'Thanh An', loai: 'Xã' } },
        { properties: { NAME_3: 'ThạnhAn', TYPE_3: 'Thịtrấn' } },
      ],
      old,
    );
    expect(r.features).toEqual([
      { index: 0, status: 'ambiguous', reason: '"Thạnh An" fits 2 units', candidates: ['31231', '31240'] },
      { index: 1, status: 'matched', code: '31231', by: 'name', areaKm2: null },
      { index: 2, status: 'matched', code: '31240', by: 'name-unaccented', areaKm2: null },
      { index: 3, status: 'duplicate', code: '31231', by: 'name', duplicateOf: 1 },
    ]);
  });
});
