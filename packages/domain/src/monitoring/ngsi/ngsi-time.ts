/**
 * Time values as context brokers really send them: RFC 3339 with or without a zone, with a space
 * instead of 'T', or as ISO-8601 intervals (start/end, start/duration). A time without a zone is
 * read in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) and flagged; an interval yields its end.
 */
export type TimeFlag = 'no_time_zone' | 'interval_end';

/** `startMs`: the start of an interval (its end is `ms`), for values counted over the period. */
export type ParsedTime = { ok: true; ms: number; flags: TimeFlag[]; startMs?: number } | { ok: false; reason: string };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

function parseInstant(raw: string): ParsedTime {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return { ok: false, reason: `'${raw.slice(0, 60)}' is not an ISO-8601 date-time` };
  const [, date, hm, sec, zone] = m;
  const flags: TimeFlag[] = [];
  let z = zone;
  if (!z) {
    z = '+07:00';
    flags.push('no_time_zone');
  } else if (/^[+-]\d{4}$/.test(z)) z = `${z.slice(0, 3)}:${z.slice(3)}`;
  const ms = Date.parse(`${date}T${hm}${sec ?? ':00'}${z.toUpperCase()}`);
  if (Number.isNaN(ms)) return { ok: false, reason: `'${raw.slice(0, 60)}' is not a valid date-time` };
  return { ok: true, ms, flags };
}

function durationMs(raw: string): number | null {
  const m = DURATION.exec(raw.trim());
  if (!m || raw.trim().toUpperCase() === 'P' || raw.trim().toUpperCase().endsWith('T')) return null;
  const [d, h, min, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return (((d ?? 0) * 24 + (h ?? 0)) * 60 + (min ?? 0)) * 60_000 + (s ?? 0) * 1000;
}

export function parseObservedTime(raw: unknown): ParsedTime {
  if (typeof raw !== 'string') return { ok: false, reason: `expected a date-time string, got ${raw === null ? 'null' : typeof raw}` };
  const slash = raw.indexOf('/');
  if (slash < 0) return parseInstant(raw);
  const startRaw = raw.slice(0, slash);
  const endRaw = raw.slice(slash + 1);
  if (/^P/i.test(endRaw)) {
    const start = parseInstant(startRaw);
    const d = durationMs(endRaw);
    if (!start.ok) return start;
    if (d === null) return { ok: false, reason: `'${endRaw.slice(0, 40)}' is not an ISO-8601 duration` };
    return { ok: true, ms: start.ms + d, flags: [...start.flags, 'interval_end'], startMs: start.ms };
  }
  const end = parseInstant(endRaw);
  if (!end.ok) return end;
  const start = parseInstant(startRaw);
  if (start.ok && start.ms > end.ms) return { ok: false, reason: `the interval '${raw.slice(0, 80)}' ends before it starts` };
  return { ok: true, ms: end.ms, flags: [...end.flags, 'interval_end'], ...(start.ok ? { startMs: start.ms } : {}) };
}
