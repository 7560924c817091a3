import type { DossierEvent, DossierRating, PaknEvent } from '@cityioc/contracts';
import { createWorkCalendar, localYearMonth, monthStartMs, type WorkCalendar } from '@cityioc/domain';
import { DOSSIER_DISTRICTS, districtAgencies, PROCEDURES } from './dossier-data.ts';
import { createRng, type Rng } from './rng.ts';
import { toLocalRfc3339 } from './time.ts';

/**
 * Citizens' feedback for the demo: PAKN (phản ánh, kiến nghị) through their steps, and ratings of
 * returned dossiers. Pure generators: a month's PAKN are planned from the seed and the month alone,
 * so a restart plans the same ones with the same event ids (the IOC answers 'duplicate'); events
 * are released as the clock passes them. Rates are ILLUSTRATIVE, set for a believable 766
 * satisfaction group: ≈ 93 % of PAKN answered within 15 working days, ≈ 93 % of answers published
 * within 2, one published answer in twelve with more dislikes than likes, 3 % repeat complaints.
 */
export const PAKN_PER_MONTH = 240;
const HOUR = 3_600_000;
const TITLES = [
  'Hồ sơ trễ hẹn trả kết quả',
  'Đề nghị hướng dẫn thủ tục đăng ký khai sinh',
  'Phản ánh thái độ tiếp dân của cán bộ một cửa',
  'Kiến nghị bổ sung hình thức nộp hồ sơ trực tuyến',
  'Phản ánh yêu cầu bổ sung giấy tờ không đúng quy định',
  'Đề nghị giải thích mức thu lệ phí',
  'Phản ánh hệ thống dịch vụ công trực tuyến bị lỗi',
  'Kiến nghị rút ngắn thời gian giải quyết hồ sơ đất đai',
];

const TOTAL_POP = DOSSIER_DISTRICTS.reduce((s, d) => s + d.population, 0);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function pickDistrict(rng: Rng) {
  let x = rng.next() * TOTAL_POP;
  for (const d of DOSSIER_DISTRICTS) if ((x -= d.population) < 0) return d;
  return DOSSIER_DISTRICTS.at(-1)!;
}

/** One PAKN's events, planned whole. */
function planPakn(rng: Rng, cal: WorkCalendar, id: string, receivedAt: number): PaknEvent[] {
  const d = pickDistrict(rng);
  const agency = districtAgencies(d).committee.code;
  const out: PaknEvent[] = [];
  let k = 0;
  const add = (step: PaknEvent['step'], at: number, extra: Partial<PaknEvent> = {}) =>
    out.push({ eventId: `sim-pakn-${id}-${step}-${++k}`, paknId: id, step, at: toLocalRfc3339(at), ...extra });
  const wd = (from: number, days: number) => cal.addWorkingMs(from, Math.round(days * 86_400_000));
  const procedure = rng.next() < 0.6 ? PROCEDURES[Math.floor(rng.next() * PROCEDURES.length)]!.code : undefined;
  add('received', receivedAt, {
    adminUnitCode: d.code,
    title: TITLES[Math.floor(rng.next() * TITLES.length)]!,
    ...(procedure ? { procedureCode: procedure } : {}),
  });
  add('classified', receivedAt + HOUR, { classification: rng.next() < 0.75 ? 'procedure' : 'staff' });
  if (rng.next() < 0.04) {
    add('rejected', wd(receivedAt, rng.next() < 0.85 ? 1 + rng.next() : 2.2 + rng.next()));
    return out;
  }
  add('assigned', receivedAt + 2 * HOUR, { agencyCode: agency });
  let pause = 0;
  let resumed = receivedAt;
  if (rng.next() < 0.06) {
    const asked = wd(receivedAt, 1 + rng.next() * (rng.next() < 0.9 ? 3.5 : 6));
    pause = 1 + rng.next() * 3;
    resumed = wd(asked, pause);
    add('supplement_requested', asked);
    add('supplemented', resumed);
  }
  const answered = Math.max(resumed + HOUR, wd(receivedAt, pause + (rng.next() < 0.93 ? 2 + rng.next() * 12.5 : 15.2 + rng.next() * 3)));
  add('answered', answered);
  const published = wd(answered, rng.next() < 0.93 ? rng.next() * 1.8 : 2.2 + rng.next() * 2);
  add('published', published);
  const reactions = Math.floor(rng.next() * 5);
  const unhappy = rng.next() < 1 / 12;
  for (let r = 0; r < reactions; r++)
    add('reaction', published + (r + 1) * 3 * HOUR, { reaction: (unhappy ? rng.next() < 0.8 : rng.next() < 0.1) ? 'dislike' : 'like' });
  if (rng.next() < 0.03) add('repeat_complaint', wd(published, 2 + rng.next() * 3));
  return out;
}

export interface PaknStream {
  /** The events due by `now`, not yet taken, in time order (at most `max`). */
  take(now: number, max: number): PaknEvent[];
  stats(): { months: number; pakn: number; released: number; pending: number };
}

/**
 * PAKN of the month of `startMs` (the month so far: a back-fill) and of every month the clock
 * enters afterwards, each planned whole from (seed, month) and released event by event.
 */
export function createPaknStream(opts: { seed: number; startMs: number; calendar?: WorkCalendar }): PaknStream {
  const cal = opts.calendar ?? createWorkCalendar();
  const planned = new Set<string>();
  let pending: PaknEvent[] = [];
  let pakn = 0;
  let released = 0;
  const planMonth = (t: number) => {
    const { year, month } = localYearMonth(t);
    const key = `${year}-${pad(month)}`;
    if (planned.has(key)) return;
    planned.add(key);
    const rng = createRng((opts.seed ^ ((year * 100 + month) * 2654435761)) >>> 0);
    const start = monthStartMs(year, month);
    const span = monthStartMs(year, month + 1) - start;
    const n = PAKN_PER_MONTH;
    for (let i = 0; i < n; i++) {
      const at = start + Math.floor(((i + rng.next()) / n) * span);
      pending.push(...planPakn(rng, cal, `PAKN-${String(year).slice(2)}${pad(month)}-${pad(i + 1, 4)}`, at));
      pakn++;
    }
    pending.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.eventId < b.eventId ? -1 : 1));
  };
  planMonth(opts.startMs);
  return {
    take(now, max) {
      planMonth(now);
      let i = 0;
      while (i < pending.length && i < max && Date.parse(pending[i]!.at) <= now) i++;
      const out = pending.slice(0, i);
      pending = pending.slice(i);
      released += out.length;
      return out;
    },
    stats: () => ({ months: planned.size, pakn, released, pending: pending.length }),
  };
}

/** A 32-bit hash of a dossier code: who rates and how follows from the code alone, so a replay rates the same dossiers the same way. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Citizens' ratings of the dossiers whose result was returned (status 10) in a batch of dossier
 * events: about a third rate, rated at the return; 4 % dissatisfied (a "dislike" for 766 5.4),
 * 30 % very satisfied, the rest satisfied.
 */
export function ratingsFor(events: readonly DossierEvent[]): DossierRating[] {
  const out: DossierRating[] = [];
  for (const e of events) {
    if (e.status !== 10) continue;
    const h = hash(e.dossierCode);
    if (h % 100 >= 35) continue;
    const r = (h >>> 8) % 100;
    out.push({
      ratingId: `sim-rating-${e.dossierCode}`,
      dossierCode: e.dossierCode,
      ratedAt: e.statusAt,
      satisfaction: r < 4 ? 'dissatisfied' : r < 34 ? 'very_satisfied' : 'satisfied',
      agencyCode: e.agencyCode,
      procedureCode: e.procedureCode,
    });
  }
  return out;
}
