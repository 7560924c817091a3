/**
 * Dates as vi-VN writes them (dd/mm/yyyy), typed and shown by the desks' date fields whatever the
 * browser's locale (its own date input follows the system: mm/dd/yyyy on an English Windows). Pure.
 */
const VI_DATE = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/;

/** A date typed as vi-VN writes it ('5/12/2026', '05/12/2026') → '2026-12-05'; null when it is not a calendar date. */
export function parseViDate(text: string): string | null {
  const m = VI_DATE.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** '2026-12-05' (or an hour key '2026-12-05T07') → '05/12/2026', as vi-VN writes a date. */
export function formatViDate(isoOrKey: string): string {
  const [y, m, d] = isoOrKey.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
