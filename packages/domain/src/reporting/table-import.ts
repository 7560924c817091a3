import type { ImportRowError, ReportValue } from '@cityioc/contracts';
import { reportsFor, type ReportingIndicator } from './catalogue.ts';
import { parseReportPeriod } from './period.ts';
import { checkReportValue, regimesFor, resolveIndicator, resolveUnit, unitNotInForce, type ReportingCatalogue } from './validate.ts';
import { foldText, parseViDate, parseViNumber } from './vi-number.ts';

/**
 * One spreadsheet cell as the reader found it. Formula cells carry the result the spreadsheet
 * cached when it was saved; a formula with no cached result is rejected (we never evaluate
 * formulas). Dates arrive as epoch ms.
 */
export type SheetCell =
  | null
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; ms: number }
  | { kind: 'formula'; formula: string; result: number | string | null };

/** Rows top to bottom, cells left to right; merged cells repeat the merged value or are null. */
export type SheetGrid = readonly (readonly SheetCell[])[];

export type ColumnRole = 'unit' | 'indicator' | 'period' | 'value' | 'numerator' | 'denominator' | 'regime' | 'provenance' | 'note' | 'submittedAt';

/** Header aliases after folding (see foldText). Longer aliases are tried first. */
const ALIASES: Record<ColumnRole, string[]> = {
  unit: ['ma don vi', 'don vi', 'ten don vi', 'co quan', 'don vi bao cao', 'ma co quan', 'unit'],
  indicator: ['ma chi tieu', 'chi tieu', 'ten chi tieu', 'chi so', 'ma chi so', 'ten chi so', 'indicator'],
  period: ['ky bao cao', 'ky', 'period'],
  value: ['gia tri', 'ket qua', 'so lieu', 'ty le %', 'ty le', 'diem', 'value'],
  numerator: ['tu so', 'numerator'],
  denominator: ['mau so', 'denominator'],
  regime: ['che do bao cao', 'ma che do', 'regime'],
  provenance: ['nguon so lieu', 'loai so lieu', 'provenance'],
  note: ['ghi chu', 'note'],
  submittedAt: ['ngay gui', 'ngay bao cao', 'submitted at'],
};

/** A header's role; a unit in brackets ('Giá trị (%)', 'Tỷ lệ (%)') is tried with and without. */
function roleOf(text: string): ColumnRole | null {
  const candidates = [foldText(text), foldText(text.replace(/\([^)]*\)/g, ' '))];
  for (const f of candidates) {
    if (!f) continue;
    for (const [role, names] of Object.entries(ALIASES) as [ColumnRole, string[]][]) if (names.includes(f)) return role;
  }
  return null;
}

export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function cellText(c: SheetCell): string {
  if (c === null) return '';
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'number':
      return String(c.value);
    case 'date':
      return new Date(c.ms).toISOString();
    case 'formula':
      return c.result === null ? '' : String(c.result);
  }
}

const isBlank = (row: readonly SheetCell[]) => row.every((c) => cellText(c).trim() === '');

export interface ImportDefaults {
  regime?: string;
  unit?: string;
  period?: string;
}

export interface ParsedReport {
  regime: string;
  unit: string;
  period: string;
  values: ReportValue[];
  /** The send date written in the sheet, if any. */
  submittedAt: number | null;
  /** Sheet rows (1-based) that made it. */
  rows: number[];
}

export interface TableImport {
  reports: ParsedReport[];
  errors: ImportRowError[];
  /** Data rows read (blank rows not counted). */
  rows: number;
}

const MAX_HEADER_SCAN = 15;

interface Column {
  index: number;
  role: ColumnRole;
  header: string;
}

/**
 * Finds the header: the first row (of the first 15) naming at least an indicator column, plus the
 * row below it when that row names sub-columns (a merged 'Kết quả' over 'Tử số | Mẫu số | Giá trị').
 * For each column the lower, more specific header wins.
 */
function findHeader(grid: SheetGrid): { columns: Column[]; dataStart: number } | null {
  for (let r = 0; r < Math.min(grid.length, MAX_HEADER_SCAN); r++) {
    const row = grid[r]!;
    const roles = row.map((c) => roleOf(cellText(c)));
    if (!roles.includes('indicator')) continue;
    const below = grid[r + 1] ?? [];
    const belowRoles = below.map((c) => roleOf(cellText(c)));
    const twoRows = belowRoles.some((x) => x !== null);
    const width = Math.max(row.length, twoRows ? below.length : 0);
    const columns: Column[] = [];
    const taken = new Set<ColumnRole>();
    for (let c = 0; c < width; c++) {
      const lower = twoRows ? belowRoles[c] : null;
      const role = lower ?? roles[c] ?? null;
      if (!role || taken.has(role)) continue;
      taken.add(role);
      columns.push({ index: c, role, header: cellText((lower ? below[c] : row[c]) ?? null).trim() });
    }
    return { columns, dataStart: r + (twoRows ? 2 : 1) };
  }
  return null;
}

type CellNumber = { ok: true; value: number | undefined } | { ok: false; reason: string; message: string };

function numberOf(c: SheetCell): CellNumber {
  if (c === null) return { ok: true, value: undefined };
  switch (c.kind) {
    case 'number':
      return { ok: true, value: c.value };
    case 'date':
      return { ok: false, reason: 'not_a_number', message: 'the cell holds a date where a number belongs' };
    case 'formula':
      if (c.result === null)
        return {
          ok: false,
          reason: 'formula_without_result',
          message: `the formula =${c.formula} has no saved result: open the file in a spreadsheet, save it, and send it again`,
        };
      if (typeof c.result === 'number') return { ok: true, value: c.result };
      return numberOf({ kind: 'text', text: c.result });
    case 'text': {
      if (c.text.trim() === '') return { ok: true, value: undefined };
      const n = parseViNumber(c.text);
      return n.ok ? { ok: true, value: n.value } : { ok: false, reason: n.reason, message: n.message };
    }
  }
}

/**
 * Reads a department's table into reports, one per (regime, unit, period), collecting every error
 * with its row and column. Blank rows are skipped. The caller stores nothing unless `errors` is empty.
 */
export function importTable(cat: ReportingCatalogue, grid: SheetGrid, defaults: ImportDefaults = {}): TableImport {
  const errors: ImportRowError[] = [];
  const header = findHeader(grid);
  if (!header) {
    errors.push({
      row: 0,
      column: null,
      header: null,
      field: 'header',
      reason: 'no_header',
      message: `no header row naming the indicator column ('Chỉ tiêu' or 'Mã chỉ tiêu') in the first ${MAX_HEADER_SCAN} rows`,
    });
    return { reports: [], errors, rows: 0 };
  }
  const col = new Map(header.columns.map((c) => [c.role, c]));
  const need = (role: ColumnRole, fallback: string | undefined, label: string) => {
    if (!col.has(role) && fallback === undefined)
      errors.push({
        row: 0,
        column: null,
        header: null,
        field: role,
        reason: 'missing_column',
        message: `no '${label}' column and no ${role} given with the upload`,
      });
  };
  need('unit', defaults.unit, 'Đơn vị');
  need('period', defaults.period, 'Kỳ báo cáo');
  if (!col.has('value') && !col.has('numerator'))
    errors.push({ row: 0, column: null, header: null, field: 'value', reason: 'missing_column', message: "no 'Giá trị' (or 'Tử số'/'Mẫu số') column" });
  if (errors.length) return { reports: [], errors, rows: 0 };

  const groups = new Map<string, ParsedReport>();
  const firstRowOf = new Map<string, { row: number; value: ReportValue }>();
  let rows = 0;
  for (let r = header.dataStart; r < grid.length; r++) {
    const row = grid[r]!;
    if (isBlank(row)) continue;
    rows++;
    const rowNo = r + 1;
    const rowErrors: ImportRowError[] = [];
    const at = (role: ColumnRole) => col.get(role);
    const fail = (role: ColumnRole | null, field: string, reason: string, message: string) => {
      const c = role ? at(role) : undefined;
      rowErrors.push({ row: rowNo, column: c ? columnLetter(c.index) : null, header: c?.header ?? null, field, reason, message });
    };
    const text = (role: ColumnRole) => {
      const c = at(role);
      return c ? cellText(row[c.index] ?? null).trim() : '';
    };

    const indText = text('indicator');
    const ind: ReportingIndicator | null = indText ? resolveIndicator(cat, indText) : null;
    if (!indText) fail('indicator', 'indicator', 'required', 'the indicator cell is empty');
    else if (!ind) fail('indicator', 'indicator', 'unknown_indicator', `'${indText}' is not an indicator of the reporting catalogue`);

    const periodCell = at('period') ? (row[at('period')!.index] ?? null) : null;
    let periodText = text('period') || defaults.period || '';
    if (periodCell?.kind === 'number' && Number.isInteger(periodCell.value)) periodText = String(periodCell.value);
    const period = periodText ? parseReportPeriod(periodText) : null;

    // a name two units carried (a district until 2025, a commune after) is read at the row's period
    const unitText = text('unit') || defaults.unit || '';
    const unit = unitText ? resolveUnit(cat, unitText, period?.ok ? period.period : undefined) : null;
    if (!unitText) fail('unit', 'unit', 'required', 'the unit cell is empty');
    else if (!unit) fail('unit', 'unit', 'unknown_unit', `'${unitText}' is not a unit (area or agency) of the catalogue`);
    else if (period?.ok && !reportsFor(unit, period.period)) {
      const e = unitNotInForce(unit, period.period);
      fail('unit', 'unit', e.reason, e.message);
      rowErrors[rowErrors.length - 1]!.successors = e.successors ?? [];
    }

    if (!periodText) fail('period', 'period', 'required', 'the period cell is empty');
    else if (period && !period.ok) fail('period', 'period', period.reason === 'malformed' ? 'malformed_period' : 'nonexistent_period', period.message);

    const value: Omit<ReportValue, 'indicator'> = {};
    for (const role of ['value', 'numerator', 'denominator'] as const) {
      const c = at(role);
      if (!c) continue;
      const n = numberOf(row[c.index] ?? null);
      if (!n.ok) fail(role, role, n.reason, n.message);
      else if (n.value !== undefined) value[role] = n.value;
    }
    const prov = foldText(text('provenance'));
    if (prov) {
      if (prov.startsWith('minh hoa') || prov === 'illustrative') value.provenance = 'illustrative';
      else if (prov.startsWith('cong bo') || prov === 'published') value.provenance = 'published';
      else fail('provenance', 'provenance', 'unknown_provenance', `'${text('provenance')}' is neither 'công bố' nor 'minh họa'`);
    }
    const note = text('note');
    if (note) value.note = note.slice(0, 500);
    let submittedAt: number | null = null;
    const sentCell = at('submittedAt') ? (row[at('submittedAt')!.index] ?? null) : null;
    if (sentCell?.kind === 'date') submittedAt = sentCell.ms;
    else if (text('submittedAt')) {
      submittedAt = parseViDate(text('submittedAt'));
      if (submittedAt === null) fail('submittedAt', 'submittedAt', 'malformed_date', `'${text('submittedAt')}' is not a date dd/mm/yyyy`);
    }

    const numberFailed = rowErrors.some((e) => e.field === 'value' || e.field === 'numerator' || e.field === 'denominator');
    if (ind && !numberFailed) for (const e of checkReportValue(ind, value, '')) fail(e.field.slice(1) as ColumnRole, e.field.slice(1), e.reason, e.message);

    let regimeId = text('regime') || defaults.regime || '';
    if (ind && unit && period?.ok) {
      if (regimeId) {
        const regime = cat.regimes.get(regimeId);
        if (!regime) fail('regime', 'regime', 'unknown_regime', `regime '${regimeId}' does not exist`);
        else if (!regime.indicators.includes(ind.id) || !regime.units.includes(unit.code) || !regime.periodKinds.includes(period.period.kind))
          fail(null, 'regime', 'not_in_regime', `${ind.id} for ${unit.code} and ${period.period.id} is not reported under ${regimeId}`);
      } else {
        const rs = regimesFor(cat, ind.id, unit.code, period.period);
        if (rs.length === 0) fail(null, 'regime', 'no_regime', `no regime has ${ind.id} for ${unit.code} and ${period.period.kind} periods`);
        else regimeId = rs[0]!.id;
      }
    }
    if (rowErrors.length > 0 || !ind || !unit || !period?.ok) {
      errors.push(...rowErrors);
      continue;
    }
    const v: ReportValue = { indicator: ind.id, ...value };
    const key = `${regimeId}|${unit.code}|${period.period.id}`;
    const vkey = `${key}|${ind.id}`;
    const prev = firstRowOf.get(vkey);
    if (prev) {
      const same = prev.value.value === v.value && prev.value.numerator === v.numerator && prev.value.denominator === v.denominator;
      if (!same)
        errors.push({
          row: rowNo,
          column: null,
          header: null,
          field: 'indicator',
          reason: 'conflict',
          message: `${ind.id} for ${unit.code} ${period.period.id} is also on row ${prev.row} with a different value`,
        });
      continue;
    }
    firstRowOf.set(vkey, { row: rowNo, value: v });
    let g = groups.get(key);
    if (!g) {
      g = { regime: regimeId, unit: unit.code, period: period.period.id, values: [], submittedAt, rows: [] };
      groups.set(key, g);
    }
    g.values.push(v);
    g.rows.push(rowNo);
    if (submittedAt !== null && (g.submittedAt === null || submittedAt > g.submittedAt)) g.submittedAt = submittedAt;
  }
  if (rows === 0) errors.push({ row: 0, column: null, header: null, field: 'rows', reason: 'empty', message: 'the table has a header but no data rows' });
  return { reports: errors.length ? [] : [...groups.values()], errors, rows };
}
