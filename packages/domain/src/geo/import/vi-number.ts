import { parseViNumber } from '../../reporting/vi-number.ts';

/**
 * Values as boundary files carry them: numbers as numbers or strings, in vi-VN format
 * ("6.360,83" = 6360.83, "1.164" = 1164) or en format ("6,360.83"), and "NA"-like strings for
 * missing values.
 */

const MISSING = new Set(['', 'na', 'n/a', 'n.a.', 'null', 'none', 'nan', '-', '—', 'không có', 'chưa có']);

/** True for null, undefined and the strings sources use for "no value" ("NA", "N/A", "", "null", "-"). */
export function isMissing(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return !Number.isFinite(v);
  return typeof v === 'string' && MISSING.has(v.trim().toLowerCase());
}

/**
 * A number from a number or a string, as boundary files write them; null when missing or not a
 * number. vi-VN first (the reporting parser: "6.360,83", "1.164", "41,67"); a lone decimal dot, which
 * report imports refuse as ambiguous, is read as a decimal point here ("10.04"), since GIS attribute
 * tables write areas that way; en-style thousands ("6,360.83") last.
 */
export function parseBoundaryNumber(v: unknown): number | null {
  if (isMissing(v)) return null;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const vi = parseViNumber(v);
  if (vi.ok) return vi.value;
  const s = v.replace(/[\s\u00a0\u202f]/g, '');
  if (vi.reason === 'ambiguous_number') return Number(s);
  return /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? Number(s.replace(/,/g, '')) : null;
}
