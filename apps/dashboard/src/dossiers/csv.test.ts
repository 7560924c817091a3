import { describe, expect, it } from 'vitest';
import { buildCsv, csvField, csvFileName, UTF8_BOM } from './csv.ts';

describe('CSV fields', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvField('Ninh Kiều')).toBe('Ninh Kiều');
    expect(csvField(92.27)).toBe('92.27');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0)).toBe('0');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    expect(csvField('Sở Tư pháp, TP. Cần Thơ')).toBe('"Sở Tư pháp, TP. Cần Thơ"');
    expect(csvField('Phòng "Một cửa"')).toBe('"Phòng ""Một cửa"""');
    expect(csvField('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(' lề')).toBe('" lề"');
  });

  it('writes nothing for missing values and non-finite numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('−1,2 điểm %')).toBe('"−1,2 điểm %"'); // the real minus sign is text, not a formula
  });
});

describe('CSV files', () => {
  it('starts with a UTF-8 byte-order mark and ends every row with CRLF', () => {
    const csv = buildCsv([
      ['Đơn vị', 'Tỷ lệ (%)'],
      ['Ô Môn', 88.5],
      ['Phong Điền, Cờ Đỏ', null],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('Đơn vị,Tỷ lệ (%)\r\nÔ Môn,88.5\r\n"Phong Điền, Cờ Đỏ",\r\n');
  });

  it('keeps Vietnamese diacritics intact as UTF-8 bytes', () => {
    const bytes = new TextEncoder().encode(buildCsv([['Thới Lai', 'Vĩnh Thạnh']]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('Thới Lai,Vĩnh Thạnh\r\n');
  });

  it('can leave the mark out, and an empty table is empty', () => {
    expect(buildCsv([['a']], { bom: false })).toBe('a\r\n');
    expect(buildCsv([])).toBe(UTF8_BOM);
  });

  it('names files in plain ASCII', () => {
    expect(csvFileName(['hồ-sơ', 'Đúng hạn', 'quận/huyện', '2026-Q4'])).toBe('ho-so-Dung-han-quan-huyen-2026-Q4.csv');
    expect(csvFileName(['///'])).toBe('export.csv');
  });
});
