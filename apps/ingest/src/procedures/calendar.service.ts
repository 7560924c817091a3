import { OfficialYearScheduleSchema, type OfficialYearScheduleInput, type ReferencePutResponse } from '@cityioc/contracts';
import { createWorkCalendar, scheduleErrors, VN_OFFICIAL_SCHEDULES, type OfficialYearSchedule, type SwitchableWorkCalendar } from '@cityioc/domain';
import { compileItemCheck } from '../pipeline/item-validator.ts';
import type { ReferenceStore, StoredReferenceItem } from '../store/reference-store.ts';
import { putReferenceBatch, type CheckedItem } from './reference-batch.ts';

/** The reference kind of uploaded yearly schedules in the store (key: the year). */
export const SCHEDULE_KIND = 'holiday-schedule';

const checkShape = compileItemCheck<OfficialYearScheduleInput>(OfficialYearScheduleSchema as object);

export function checkSchedule(item: unknown): CheckedItem<OfficialYearSchedule> {
  const year = typeof item === 'object' && item !== null ? (item as { year?: unknown }).year : undefined;
  const key = typeof year === 'number' && Number.isInteger(year) ? String(year) : null;
  const shape = checkShape(item);
  if (!shape.ok) return { ok: false, key, errors: shape.errors };
  const schedule = shape.value as OfficialYearSchedule;
  const errors = scheduleErrors(schedule);
  return errors.length > 0 ? { ok: false, key, errors } : { ok: true, key: String(schedule.year), validFrom: null, value: schedule };
}

export interface SchedulesResponse {
  /** The placements built into this release, each citing its decision (calendar/official-schedules.ts). */
  builtIn: readonly OfficialYearSchedule[];
  /** IOC_HOLIDAY_SCHEDULES_FILE. */
  file: readonly OfficialYearSchedule[];
  /** Uploaded through the API: the latest version of each year, which wins over the file and the built-in table. */
  uploaded: (OfficialYearSchedule & { version: number; storedAt: number; origin: string })[];
}

/**
 * The working-day schedules in force: built-in, then the file's, then the uploaded ones (latest
 * version per year), occasion by occasion. An upload is checked, stored, and swapped into the
 * calendar every service holds at once (new computations use it), then the listeners recompute
 * what depends on it (dossier due dates and verdicts).
 */
export class CalendarService {
  private readonly uploaded = new Map<string, StoredReferenceItem>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    readonly calendar: SwitchableWorkCalendar,
    private readonly fileSchedules: readonly OfficialYearSchedule[],
    private readonly store: ReferenceStore,
  ) {}

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private rebuild(): void {
    const uploaded = [...this.uploaded.values()].sort((a, b) => Number(a.key) - Number(b.key)).map((it) => it.body as OfficialYearSchedule);
    this.calendar.use(createWorkCalendar({ schedules: [...this.fileSchedules, ...uploaded] }));
  }

  /** Keeps the latest version of each year; returns how many items were newer than what was held. */
  private remember(items: readonly StoredReferenceItem[]): number {
    let newer = 0;
    for (const it of items) {
      const prev = this.uploaded.get(it.key);
      if (!prev || prev.version < it.version) {
        this.uploaded.set(it.key, it);
        newer++;
      }
    }
    return newer;
  }

  /** Loads the uploaded schedules (before anything computes a deadline). */
  async load(): Promise<number> {
    const items = await this.store.referenceItems(SCHEDULE_KIND);
    this.remember(items);
    if (items.length > 0) this.rebuild();
    return items.length;
  }

  async put(items: readonly unknown[], origin: string, now: number): Promise<ReferencePutResponse> {
    const res = await putReferenceBatch(this.store, SCHEDULE_KIND, items.map(checkSchedule), origin, now);
    if (this.remember(res.stored) > 0) {
      this.rebuild();
      for (const fn of this.listeners) fn();
    }
    return res.response;
  }

  /** Several nodes: swaps in the schedules another node stored since (live/document-follower.ts); returns how many were new. */
  async refresh(): Promise<number> {
    const newer = this.remember(await this.store.referenceItems(SCHEDULE_KIND));
    if (newer > 0) {
      this.rebuild();
      for (const fn of this.listeners) fn();
    }
    return newer;
  }

  list(): SchedulesResponse {
    return {
      builtIn: VN_OFFICIAL_SCHEDULES,
      file: this.fileSchedules,
      uploaded: [...this.uploaded.values()]
        .sort((a, b) => Number(a.key) - Number(b.key))
        .map((it) => ({ ...(it.body as OfficialYearSchedule), version: it.version, storedAt: it.storedAt, origin: it.origin })),
    };
  }
}
