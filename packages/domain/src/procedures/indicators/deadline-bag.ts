import { dayNumberOf } from '../../calendar/local-time.ts';

/**
 * A multiset of instants that answers "how many are before t" — the open dossiers' effective due
 * dates of one indicator cell, so that "currently overdue" follows the clock without an event.
 * Bucketed by local day: adding and removing cost O(dossiers due that day), which keeps a replay
 * of a million events linear; counting costs O(days with something due), paid only by queries.
 */
export class DeadlineBag {
  private readonly days = new Map<number, number[]>();
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(t: number): void {
    const day = dayNumberOf(t);
    const list = this.days.get(day);
    if (list) list.push(t);
    else this.days.set(day, [t]);
    this.n++;
  }

  /** Removes one occurrence of t; false if there was none. */
  remove(t: number): boolean {
    const day = dayNumberOf(t);
    const list = this.days.get(day);
    const i = list ? list.indexOf(t) : -1;
    if (!list || i < 0) return false;
    list[i] = list[list.length - 1]!;
    list.pop();
    if (list.length === 0) this.days.delete(day);
    this.n--;
    return true;
  }

  /** How many instants are strictly before t. */
  countBefore(t: number): number {
    const today = dayNumberOf(t);
    let count = 0;
    for (const [day, list] of this.days) {
      if (day < today) count += list.length;
      else if (day === today) for (const x of list) if (x < t) count++;
    }
    return count;
  }
}
