import type { DirectiveBoardResponse, DirectiveView } from '@cityioc/contracts';
import { DEFAULT_TIME_ZONE, formatDateTime, formatNumber, type Lang } from '../../format/format.ts';

/**
 * The wall's directive board (GET /api/v1/directives/board): what is overdue, then what is due
 * today, each with its responsible units and how far each has got. Text stays text. Pure.
 */
export interface BoardUnit {
  unit: string;
  name: string;
  status: string;
}

export interface BoardRow {
  id: string;
  kind: 'overdue' | 'dueToday';
  /** The title, else the text. */
  title: string;
  /** '05/12/2026 17:00' */
  dueText: string;
  /** '2,5' working days late (overdue only). */
  lateText: string | null;
  issuedBy: string;
  units: BoardUnit[];
}

function row(d: DirectiveView, kind: BoardRow['kind'], lang: Lang, timeZone: string): BoardRow {
  return {
    id: d.id,
    kind,
    title: d.title ?? d.text,
    dueText: formatDateTime(d.dueAt, timeZone),
    lateText: kind === 'overdue' && d.workingDaysLate > 0 ? formatNumber(d.workingDaysLate, Number.isInteger(d.workingDaysLate) ? 0 : 1, lang) : null,
    issuedBy: d.issuedBy.name,
    units: d.assignments.map((a) => ({ unit: a.unit, name: a.unitName?.[lang] ?? a.unit, status: a.status })),
  };
}

/** Overdue first (most late first), then due today (soonest first); a directive in both lists shows once, as overdue. */
export function buildBoard(board: DirectiveBoardResponse | undefined, lang: Lang, timeZone = DEFAULT_TIME_ZONE): BoardRow[] {
  if (!board) return [];
  const overdue = [...board.overdue].sort((a, b) => b.workingDaysLate - a.workingDaysLate || a.dueAt - b.dueAt);
  const seen = new Set(overdue.map((d) => d.id));
  const today = board.dueToday.filter((d) => !seen.has(d.id)).sort((a, b) => a.dueAt - b.dueAt);
  return [...overdue.map((d) => row(d, 'overdue', lang, timeZone)), ...today.map((d) => row(d, 'dueToday', lang, timeZone))];
}
