/**
 * Number, date and unit formatting for the screens. Vietnamese conventions by default
 * (vi-VN: '1.164', '92,3 %'; dd/MM/yyyy; 24-hour clock), English as the second language.
 * Times are always shown in the city's time zone, whatever the machine's zone is.
 */
export type Lang = 'vi' | 'en';

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Shown wherever a value is missing: never 0, never an empty box. */
export const MISSING = '—';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}|${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f;
}

function usable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** '1.164' (vi) / '1,164' (en); '—' when missing. */
export function formatNumber(value: number | null | undefined, decimals = 0, lang: Lang = 'vi'): string {
  if (!usable(value)) return MISSING;
  const out = numberFormat(lang, decimals).format(value);
  // Rounding can produce '-0'; a wall screen should never show it.
  return /^-0([.,]0+)?$/.test(out) ? out.slice(1) : out;
}

/** A fraction 0..1 shown as a percentage: 0.9227 → '92,3 %' (1 decimal) or '92,27 %' (2). */
export function formatPercent(fraction: number | null | undefined, decimals = 1, lang: Lang = 'vi'): string {
  if (!usable(fraction)) return MISSING;
  return `${formatNumber(fraction * 100, decimals, lang)} %`;
}

const UNIT_EN: Record<string, string> = { 'hồ sơ': 'dossiers', 'xe/giờ': 'vehicles/h' };

/** Units are stored as Vietnamese display units; a few read differently in English. */
export function unitLabel(unit: string, lang: Lang): string {
  return lang === 'en' ? (UNIT_EN[unit] ?? unit) : unit;
}

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  weekday: number;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS_EN_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Calendar fields of an instant in a time zone, independent of the machine's zone. */
export function zonedParts(epochMs: number, timeZone = DEFAULT_TIME_ZONE): ZonedParts {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partFormats.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(epochMs))) p[part.type] = part.value;
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour === '24' ? '00' : p.hour!,
    minute: p.minute!,
    second: p.second!,
    weekday: WEEKDAYS_EN_SHORT.indexOf(p.weekday!),
  };
}

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** 'Chủ nhật, 22/11/2026 07:30:15' — the header clock. */
export function formatClock(epochMs: number, lang: Lang = 'vi', timeZone = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(epochMs, timeZone);
  return `${WEEKDAYS[lang][p.weekday]}, ${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** 'HH:mm:ss' in the city's zone. */
export function formatTime(epochMs: number, timeZone = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** 'HH:mm' in the city's zone, for chart axes. */
export function formatHourMinute(epochMs: number, timeZone = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(epochMs, timeZone);
  return `${p.hour}:${p.minute}`;
}

/**
 * When a value was observed: 'HH:mm:ss' on the same city day as `now`, else 'HH:mm:ss dd/MM/yyyy'
 * so an old value can never pass for today's. Null when there is no observation.
 */
export function formatObservedAt(observedAt: number | null | undefined, now: number, timeZone = DEFAULT_TIME_ZONE): string | null {
  if (!usable(observedAt)) return null;
  const o = zonedParts(observedAt, timeZone);
  const n = zonedParts(now, timeZone);
  const time = `${o.hour}:${o.minute}:${o.second}`;
  return o.year === n.year && o.month === n.month && o.day === n.day ? time : `${time} ${o.day}/${o.month}/${o.year}`;
}

/** 'dd/MM/yyyy HH:mm' in the city's zone: dossier reception and due times. */
export function formatDateTime(epochMs: number | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!usable(epochMs)) return MISSING;
  const p = zonedParts(epochMs, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A local date 'yyyy-mm-dd' as 'dd/MM/yyyy' (vi and en alike); anything else as it is. */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 'dd/MM/yyyy HH:mm:ss' in the city's zone: a dossier's trail, where seconds tell close steps apart. */
export function formatDateTimeSeconds(epochMs: number | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!usable(epochMs)) return MISSING;
  const p = zonedParts(epochMs, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** A change with its sign always shown: '+1,2', '−0,5' (a real minus sign), '0'. */
export function formatSigned(value: number | null | undefined, decimals = 0, lang: Lang = 'vi'): string {
  if (!usable(value)) return MISSING;
  const text = formatNumber(Math.abs(value), decimals, lang);
  if (/^0([.,]0+)?$/.test(text)) return text;
  return value > 0 ? `+${text}` : `\u2212${text}`;
}

/** Escapes text for the few places a library insists on HTML (ECharts tooltips). */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Black or white text, whichever reads better on a band colour ('#FFFF00' → dark text). */
export function readableTextColor(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#ffffff';
  const lin = (c: string) => {
    const v = parseInt(c, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  // The text with the higher WCAG contrast: white on a mid green or a bright red reads at 3.3–4.2:1
  // from 5 m, below the 4.5:1 the wall keeps (issue 13); dark text reads at 4.5:1 or more there.
  const DARK = 0.0064; // relative luminance of #0b1020
  return (luminance + 0.05) / (DARK + 0.05) >= 1.05 / (luminance + 0.05) ? '#0b1020' : '#ffffff';
}
