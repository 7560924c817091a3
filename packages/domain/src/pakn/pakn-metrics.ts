import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { PaknRecord } from './pakn-record.ts';
import { asOf, paknTimeliness } from './pakn-rules.ts';

/** One PAKN's part in 766 indicators 5.1–5.3 for a period judged at `at` (min(now, period end)). */
export interface PaknFlags {
  /** 5.1 numerators */
  procedure: boolean;
  staff: boolean;
  classified: boolean;
  /** 5.2: in the denominator (received) and on time */
  onTime: boolean;
  /** 5.3 */
  satisfied: boolean;
  /** why 5.3 fails: late, more dislikes than likes, a repeat complaint */
  late: boolean;
  moreDislikes: boolean;
  repeated: boolean;
}

export function paknFlags(r: PaknRecord, at: number, calendar: WorkCalendar): PaknFlags | null {
  if (r.receivedAt === null) return null;
  const seen = asOf(r, at);
  const late = paknTimeliness(r, at, calendar) === 'late';
  const moreDislikes = seen.dislikes > seen.likes;
  const repeated = seen.repeatComplaints > 0;
  const classified = r.classification !== null;
  return {
    procedure: r.classification === 'procedure',
    staff: r.classification === 'staff',
    classified,
    onTime: !late,
    satisfied: !late && !moreDislikes && !repeated,
    late,
    moreDislikes,
    repeated,
  };
}

export interface PaknCounts {
  received: number;
  classified: number;
  procedure: number;
  staff: number;
  onTime: number;
  satisfied: number;
}

export const emptyPaknCounts = (): PaknCounts => ({ received: 0, classified: 0, procedure: 0, staff: 0, onTime: 0, satisfied: 0 });

/**
 * The PAKN counts of a period: the PAKN received in [start, end) that `include` keeps, each judged
 * at min(now, end). A scan: PAKN are tens of thousands a year, so a period of a unit costs
 * milliseconds (bench/score766.bench.ts measures it beside the replay).
 */
export function paknCounts(
  records: Iterable<PaknRecord>,
  bounds: { start: number; end: number },
  now: number,
  calendar: WorkCalendar,
  include: (r: PaknRecord) => boolean = () => true,
): PaknCounts {
  const at = Math.min(now, bounds.end);
  const c = emptyPaknCounts();
  for (const r of records) {
    if (r.receivedAt === null || r.receivedAt < bounds.start || r.receivedAt >= bounds.end || !include(r)) continue;
    const f = paknFlags(r, at, calendar)!;
    c.received++;
    if (f.classified) c.classified++;
    if (f.procedure) c.procedure++;
    if (f.staff) c.staff++;
    if (f.onTime) c.onTime++;
    if (f.satisfied) c.satisfied++;
  }
  return c;
}
