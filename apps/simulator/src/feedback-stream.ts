import type { DossierEvent, DossierRating, PaknEvent } from '@cityioc/contracts';
import { CAN_THO_AGENCIES, createWorkCalendar, indexAgencies, localDateOf, localYearMonth, monthStartMs, type WorkCalendar } from '@cityioc/domain';
import { DOSSIER_UNITS, PROCEDURES, unitAgencies, UNITS_FROM, type Agency, type Procedure, type UnitParams } from './dossier-data.ts';
import { createRng, type Rng } from './rng.ts';
import { toLocalRfc3339 } from './time.ts';

/**
 * Citizens' feedback for the demo: PAKN (phản ánh, kiến nghị) through their steps, and ratings of
 * returned dossiers. PAKN come from today's wards and communes (the registry's units since 1 July
 * 2025), weighted by population as the dossier stream's arrivals are, and are assigned to the
 * agency that handles their subject on the day: the city department of a department procedure, the
 * Land Registration Office (Department of Agriculture and Environment) of a land procedure, else
 * the ward's or commune's committee, which took the district committees' work on 1 July 2025 — each
 * an agency the IOC's agency catalogue lists on that day. None are planned before today's units
 * came into force (the dossier stream, too, files only on today's units). Pure generators: a month's PAKN are planned from the seed and the month alone,
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

const TOTAL_POP = DOSSIER_UNITS.reduce((s, u) => s + u.population, 0);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** The first instant of today's units (00:00 local of their first day). */
const UNITS_FROM_MS = Date.parse(`${UNITS_FROM}T00:00:00+07:00`);
const AGENCIES = indexAgencies(CAN_THO_AGENCIES);

function pickUnit(rng: Rng): UnitParams {
  let x = rng.next() * TOTAL_POP;
  for (const u of DOSSIER_UNITS) if ((x -= u.population) < 0) return u;
  return DOSSIER_UNITS.at(-1)!;
}

/**
 * Who answers a PAKN from unit `u` about `procedure` (none: about the one-stop shop in general) on
 * `at`: the procedure's handler as the dossier stream assigns it, the ward's or commune's committee
 * otherwise. Looked up in the agency catalogue at the date, so an agency it does not list then is
 * never sent.
 */
export function paknAgency(u: UnitParams, procedure: Procedure | undefined, at: number): Agency {
  const own = unitAgencies(u, CAN_THO_AGENCIES, localDateOf(at));
  const agency = procedure?.handler === 'department' ? procedure.department! : procedure?.handler === 'land' ? own.landOffice : own.committee;
  const listed = AGENCIES.lookup(agency.code, at);
  if (!listed.ok) throw new RangeError(`the demo's PAKN agency ${agency.code} is not in the agency catalogue on ${localDateOf(at)}: ${listed.message}`);
  return agency;
}

/** One PAKN's events, planned whole. */
function planPakn(rng: Rng, cal: WorkCalendar, id: string, receivedAt: number): PaknEvent[] {
  const u = pickUnit(rng);
  const out: PaknEvent[] = [];
  let k = 0;
  const add = (step: PaknEvent['step'], at: number, extra: Partial<PaknEvent> = {}) =>
    out.push({ eventId: `sim-pakn-${id}-${step}-${++k}`, paknId: id, step, at: toLocalRfc3339(at), ...extra });
  const wd = (from: number, days: number) => cal.addWorkingMs(from, Math.round(days * 86_400_000));
  const procedure = rng.next() < 0.6 ? PROCEDURES[Math.floor(rng.next() * PROCEDURES.length)]! : undefined;
  add('received', receivedAt, {
    adminUnitCode: u.code,
    title: TITLES[Math.floor(rng.next() * TITLES.length)]!,
    ...(procedure ? { procedureCode: procedure.code } : {}),
  });
  add('classified', receivedAt + HOUR, { classification: rng.next() < 0.75 ? 'procedure' : 'staff' });
  if (rng.next() < 0.04) {
    add('rejected', wd(receivedAt, rng.next() < 0.85 ? 1 + rng.next() : 2.2 + rng.next()));
    return out;
  }
  const assignedAt = receivedAt + 2 * HOUR;
  add('assigned', assignedAt, { agencyCode: paknAgency(u, procedure, assignedAt).code });
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
 * enters afterwards, each planned whole from (seed, month) and released event by event. Nothing is
 * planned before today's units came into force (`UNITS_FROM`).
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
      if (at < UNITS_FROM_MS) continue;
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
 * events, on the dossier's agency and ward or commune (the dossier stream's, today's): about a third rate, rated at the return; 4 % dissatisfied (a "dislike" for 766 5.4),
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
      adminUnitCode: e.adminUnitCode,
      procedureCode: e.procedureCode,
    });
  }
  return out;
}
