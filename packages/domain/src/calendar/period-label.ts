import { DAY_MS } from './local-time.ts';
import { parsePeriod, type Period } from './period.ts';

export type PeriodLang = 'vi' | 'en';

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** '22/11/2026' (vi), '22 Nov 2026' (en). */
function dayText(day: number, lang: PeriodLang): string {
  const { y, m, d } = ymd(day);
  return lang === 'vi' ? `${pad(d)}/${pad(m)}/${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/**
 * A period as people write it. Vietnamese follows the style of official documents — 'Tháng 11/2026',
 * 'Quý IV/2026', '6 tháng đầu năm 2026', '6 tháng cuối năm 2026', '9 tháng năm 2026', 'Năm 2026',
 * 'Ngày 22/11/2026', '07:00 ngày 22/11/2026', 'Từ 01/03/2026 đến 15/04/2026'; English is short —
 * 'Nov 2026', 'Q4 2026', 'H1 2026', '9M 2026', '2026', '22 Nov 2026', '22 Nov 2026 07:00',
 * '1 Mar 2026 – 15 Apr 2026'. Every screen, export and report uses this one function.
 */
export function labelOfPeriod(p: Period, lang: PeriodLang): string {
  const vi = lang === 'vi';
  switch (p.kind) {
    case 'year':
      return vi ? `Năm ${p.year}` : String(p.year);
    case 'nine_months':
      return vi ? `9 tháng năm ${p.year}` : `9M ${p.year}`;
    case 'half':
      return vi ? `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}` : `H${p.index} ${p.year}`;
    case 'quarter':
      return vi ? `Quý ${ROMAN[p.index - 1]}/${p.year}` : `Q${p.index} ${p.year}`;
    case 'month':
      return vi ? `Tháng ${p.index}/${p.year}` : `${MONTHS_EN[p.index - 1]} ${p.year}`;
    case 'day':
      return vi ? `Ngày ${dayText(p.day, lang)}` : dayText(p.day, lang);
    case 'hour': {
      const day = Math.floor(p.hour / 24);
      const hh = `${pad(p.hour - day * 24)}:00`;
      return vi ? `${hh} ngày ${dayText(day, lang)}` : `${dayText(day, lang)} ${hh}`;
    }
    case 'range':
      return vi ? `Từ ${dayText(p.from, lang)} đến ${dayText(p.to, lang)}` : `${dayText(p.from, lang)} – ${dayText(p.to, lang)}`;
  }
}

/** The label of a period key; a key that names no period is returned as it is. */
export function periodLabel(key: string, lang: PeriodLang): string {
  const p = parsePeriod(key);
  return p ? labelOfPeriod(p, lang) : key;
}
