import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatClock,
  formatDateTime,
  formatDateTimeSeconds,
  formatHourMinute,
  formatNumber,
  formatObservedAt,
  formatPercent,
  formatSigned,
  formatTime,
  MISSING,
  readableTextColor,
  unitLabel,
} from './format.ts';

// 2026-11-22 is a Sunday; 00:30:15Z is 07:30:15 in Hồ Chí Minh City (UTC+7, no DST).
const SUNDAY_0730 = Date.UTC(2026, 10, 22, 0, 30, 15);

describe('numbers', () => {
  it('uses Vietnamese grouping and decimal marks', () => {
    expect(formatNumber(1164)).toBe('1.164');
    expect(formatNumber(1234567.891, 1)).toBe('1.234.567,9');
    expect(formatNumber(1164, 0, 'en')).toBe('1,164');
  });

  it('shows ratios as percentages with the indicator decimals', () => {
    expect(formatPercent(0.9227, 2)).toBe('92,27 %');
    expect(formatPercent(0.9227, 1)).toBe('92,3 %');
    expect(formatPercent(0.424, 1, 'en')).toBe('42.4 %');
    expect(formatPercent(1)).toBe('100,0 %');
  });

  it('shows a dash, never 0, when the value is missing', () => {
    expect(formatNumber(null)).toBe(MISSING);
    expect(formatNumber(undefined)).toBe(MISSING);
    expect(formatNumber(Number.NaN)).toBe(MISSING);
    expect(formatPercent(null)).toBe(MISSING);
    expect(formatNumber(0)).toBe('0');
  });

  it('never shows a negative zero', () => {
    expect(formatNumber(-0.0001, 1)).toBe('0,0');
    expect(formatNumber(-0.4)).toBe('0');
    expect(formatNumber(-12.5, 1)).toBe('-12,5');
  });

  it('translates the dossier unit for English only', () => {
    expect(unitLabel('hồ sơ', 'vi')).toBe('hồ sơ');
    expect(unitLabel('hồ sơ', 'en')).toBe('dossiers');
    expect(unitLabel('cm', 'en')).toBe('cm');
  });
});

describe('dates in the city time zone', () => {
  it('formats the header clock in Vietnamese and English', () => {
    expect(formatClock(SUNDAY_0730)).toBe('Chủ nhật, 22/11/2026 07:30:15');
    expect(formatClock(SUNDAY_0730, 'en')).toBe('Sunday, 22/11/2026 07:30:15');
    // 17:00Z on Saturday is already Sunday 00:00 in Vietnam.
    expect(formatClock(Date.UTC(2026, 10, 21, 17, 0, 0))).toBe('Chủ nhật, 22/11/2026 00:00:00');
  });

  it('formats times of day whatever the machine zone is', () => {
    expect(formatTime(SUNDAY_0730)).toBe('07:30:15');
    expect(formatHourMinute(SUNDAY_0730)).toBe('07:30');
    expect(formatTime(SUNDAY_0730, 'UTC')).toBe('00:30:15');
  });

  it('adds the date to an observation from another day', () => {
    expect(formatObservedAt(SUNDAY_0730 - 60_000, SUNDAY_0730)).toBe('07:29:15');
    expect(formatObservedAt(SUNDAY_0730 - 8 * 3600_000, SUNDAY_0730)).toBe('23:30:15 21/11/2026');
    expect(formatObservedAt(null, SUNDAY_0730)).toBeNull();
  });
});

describe('dossier dates and signed changes', () => {
  it('formats reception and due times as dd/MM/yyyy HH:mm in Vietnam', () => {
    expect(formatDateTime(SUNDAY_0730)).toBe('22/11/2026 07:30');
    expect(formatDateTime(Date.UTC(2026, 10, 30, 17, 0, 0))).toBe('01/12/2026 00:00');
    expect(formatDateTimeSeconds(SUNDAY_0730)).toBe('22/11/2026 07:30:15');
    expect(formatDateTime(null)).toBe(MISSING);
  });

  it('always shows the sign of a change, with a real minus', () => {
    expect(formatSigned(1.25, 2)).toBe('+1,25');
    expect(formatSigned(-0.5, 1)).toBe('\u22120,5');
    expect(formatSigned(-1234, 0, 'en')).toBe('\u22121,234');
    expect(formatSigned(0.001, 1)).toBe('0,0');
    expect(formatSigned(null)).toBe(MISSING);
  });
});

describe('escaping and contrast', () => {
  it('escapes everything HTML could interpret', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&\'')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
  });

  // dark on yellow, green and bright red, white on purple and maroon
  it.each([
    // the demo's "below BĐ I" green and the low-severity blue read at 3.3–3.4:1 in white (axe-core on the wall)
    ['#2e9e5b', '#0b1020'],
    ['#FFFF00', '#0b1020'],
    ['#00E400', '#0b1020'],
    ['#FF7E00', '#0b1020'],
    ['#8F3F97', '#ffffff'],
    ['#7E0023', '#ffffff'],
    // white on #FF0000 is 4.0:1, dark text 5.2:1
    ['#FF0000', '#0b1020'],
  ])('picks the text colour with the higher contrast on %s: %s', (background, text) => {
    expect(readableTextColor(background)).toBe(text);
  });
});

describe('formatIsoDate', () => {
  it('writes a local date the Vietnamese way and leaves other text alone', async () => {
    const { formatIsoDate } = await import('./format.ts');
    expect(formatIsoDate('2025-06-30')).toBe('30/06/2025');
    expect(formatIsoDate('30/06/2025')).toBe('30/06/2025');
  });
});
