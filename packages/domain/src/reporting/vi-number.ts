import { VN_UTC_OFFSET_MS } from '../calendar/local-time.ts';

/**
 * Text as people type it into Vietnamese spreadsheets: case, diacritics (đ included), spacing
 * and punctuation are folded away so that 'Mã đơn vị', 'MA DON VI' and 'mã  đơn-vị' match.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

export type ViNumber = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not_a_number' | 'ambiguous_number'; message: string };

/**
 * A vi-VN number: '.' groups thousands, ',' marks decimals — '92,27', '1.164', '328.330',
 * '1.234,5', '-3', '42,4 %'. Spaces (also non-breaking) and a trailing '%' are ignored.
 * A single '.' that does not group thousands ('0.6924', '12.5') is rejected as ambiguous rather
 * than guessed, since in vi-VN it cannot be a decimal point.
 */
export function parseViNumber(raw: string): ViNumber {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (s === '') return { ok: false, reason: 'empty', message: 'the cell is empty' };
  const m = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(s);
  if (m) return { ok: true, value: Number(`${m[1]}${m[2]!.replace(/\./g, '')}${m[3] ? `.${m[3]}` : ''}`) };
  if (/^[+-]?\d+\.\d+$/.test(s))
    return { ok: false, reason: 'ambiguous_number', message: `'${raw.trim()}' uses '.' as a decimal point; write it the vi-VN way with a comma (e.g. 0,6924)` };
  return { ok: false, reason: 'not_a_number', message: `'${raw.trim()}' is not a number` };
}

/** A vi-VN date 'dd/mm/yyyy' (optionally ' hh:mm') at local time (UTC+7), or null. */
export function parseViDate(raw: string): number | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(raw);
  if (!m) return null;
  const [d, mo, y, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  const ms = Date.UTC(y, mo - 1, d, h, mi) - VN_UTC_OFFSET_MS;
  const back = new Date(ms + VN_UTC_OFFSET_MS);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1 || h > 23 || mi > 59) return null;
  return ms;
}
