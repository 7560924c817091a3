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
 * A number from a number or a string; null when missing or not a number. Strings: spaces are
 * dropped; with both separators the last one is the decimal mark; a lone comma is a decimal mark
 * (vi-VN); dots in groups of three ("1.164", "1.234.567") are thousands separators (vi-VN), any
 * other dot is a decimal mark ("10.04").
 */
export function parseViNumber(v: unknown): number | null {
  if (isMissing(v)) return null;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  let s = v.trim().replace(/[\s\u00a0\u202f]/g, '');
  const sign = s.startsWith('-') ? -1 : 1;
  s = s.replace(/^[-+]/, '');
  if (!/^[0-9.,]+$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = /^\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0 && /^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return sign * Number(s);
}
