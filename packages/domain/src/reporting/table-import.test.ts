import { describe, expect, it } from 'vitest';
import { importTable, type SheetCell, type SheetGrid } from './table-import.ts';
import { indexReporting } from './validate.ts';

const cat = indexReporting();
const t = (text: string): SheetCell => ({ kind: 'text', text });
const grid = (rows: (string | number | null | SheetCell)[][]): SheetGrid =>
  rows.map((r) => r.map((c) => (c === null ? null : typeof c === 'string' ? t(c) : typeof c === 'number' ? { kind: 'number', value: c } : c)));

/** A table in the long layout (one value a row) under its Vietnamese headers. */
const longTable = (...rows: (string | number | null | SheetCell)[][]): SheetGrid => grid([['Đơn vị', 'Chỉ tiêu', 'Kỳ', 'Giá trị'], ...rows]);

describe('importTable', () => {
  it('reads a two-row merged header, vi-VN numbers, names instead of codes, and skips blank rows', () => {
    const g = grid([
      ['BÁO CÁO KẾT QUẢ CCHC VÀ CĐS', null, null, null, null],
      [null, null, null, null, null],
      ['Đơn vị', 'Kỳ báo cáo', 'Chỉ tiêu', 'Kết quả', 'Kết quả'],
      [null, null, null, ' TỬ SỐ ', 'Mẫu  số'],
      ['TP. Cần Thơ', '2022-Q1', 'Tỷ lệ văn bản điện tử qua Trục liên thông', '328.330', '342.006'],
      [null, null, null, null, null],
      ['tp can tho', '2022', 'digitised_results_rate', '13.000', '362.729'],
    ]);
    const r = importTable(cat, g);
    expect(r.errors).toEqual([]);
    expect(r.rows).toBe(2);
    expect(r.reports).toEqual([
      {
        regime: 'cchc-cds',
        unit: '92',
        period: '2022-Q1',
        values: [{ indicator: 'e_document_rate', numerator: 328330, denominator: 342006 }],
        submittedAt: null,
        rows: [5],
      },
      {
        regime: 'cchc-cds',
        unit: '92',
        period: '2022',
        values: [{ indicator: 'digitised_results_rate', numerator: 13000, denominator: 362729 }],
        submittedAt: null,
        rows: [7],
      },
    ]);
  });

  it('reports a text cell where a number belongs with its row, column and header, and imports nothing', () => {
    const g = grid([
      ['Mã đơn vị', 'Mã chỉ tiêu', 'Giá trị'],
      ['SLDTBXH', 'par_index', '98'],
      ['SKHCN', 'par_index', 'chín bảy'],
      ['SYT', 'par_index', '0.84'],
    ]);
    const r = importTable(cat, g, { period: '2023' });
    expect(r.reports).toEqual([]);
    expect(r.errors).toEqual([
      { row: 3, column: 'C', header: 'Giá trị', field: 'value', reason: 'not_a_number', message: "'chín bảy' is not a number" },
      expect.objectContaining({ row: 4, column: 'C', field: 'value', reason: 'ambiguous_number' }),
    ]);
  });

  it('uses a formula cell’s cached result and rejects one without', () => {
    const ok = importTable(
      cat,
      longTable(
        ['SNV', 'par_index', '2023', { kind: 'formula', formula: 'AVERAGE(E2:F2)', result: 93.5 }],
        ['STP', 'par_index', '2023', { kind: 'formula', formula: 'E3*2', result: null }],
      ),
    );
    expect(ok.errors).toEqual([expect.objectContaining({ row: 3, column: 'D', reason: 'formula_without_result' })]);
  });

  it('flags conflicting rows for the same unit, period and indicator; identical repeats are fine', () => {
    const r = importTable(cat, longTable(['SNV', 'par_index', '2023', '93'], ['SNV', 'par_index', '2023', '93'], ['SNV', 'par_index', '2023', '94']));
    expect(r.errors).toEqual([expect.objectContaining({ row: 4, reason: 'conflict' })]);
  });

  it('names unknown units and indicators and nonexistent periods', () => {
    const r = importTable(
      cat,
      longTable(['Sở Không Có', 'par_index', '2023', '90'], ['SNV', 'chỉ số bí ẩn', '2023', '90'], ['SNV', 'par_index', '2023-13', '90']),
    );
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'A', 'unknown_unit'],
      [3, 'B', 'unknown_indicator'],
      [4, 'C', 'nonexistent_period'],
    ]);
  });

  it('says when there is no header', () => {
    expect(
      importTable(
        cat,
        grid([
          ['a', 'b'],
          ['1', '2'],
        ]),
      ).errors[0],
    ).toMatchObject({ row: 0, reason: 'no_header' });
  });
});
