/** ISO calendar dates (yyyy-mm-dd) as strings: they compare correctly as text. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-mm-dd (2025-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The date `n` days after `iso` (n may be negative). */
export function addDays(iso: string, n: number): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface Validity {
  validFrom: string;
  /** Exclusive; null while in force. */
  validTo: string | null;
}

/** In force on `date`: validFrom ≤ date < validTo. */
export function validOn(v: Validity, date: string): boolean {
  return v.validFrom <= date && (v.validTo === null || date < v.validTo);
}

/** The two validity intervals share at least one day. */
export function overlaps(a: Validity, b: Validity): boolean {
  const aEndsAfterBStarts = a.validTo === null || a.validTo > b.validFrom;
  const bEndsAfterAStarts = b.validTo === null || b.validTo > a.validFrom;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}
