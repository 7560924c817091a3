/**
 * The readings of one station inside a rate rule's window, oldest first, as a ring buffer of two
 * typed arrays. A reading is appended once and dropped once, so each costs O(1) amortised however
 * many readings the window holds (an array trimmed with `shift()` costs the window's length per
 * reading: quadratic for a station that reports every few milliseconds).
 *
 * The rate compares a new reading with the oldest one still inside the window, and any reading
 * inside the window may become that oldest one later, so every reading in the window is kept.
 */
export class RateWindow {
  private t: Float64Array;
  private v: Float64Array;
  private head = 0;
  private n = 0;

  constructor(capacity = 8) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Appends a reading (times must not decrease) and drops every older one more than `spanMs` before it, keeping at least one. */
  push(t: number, v: number, spanMs: number): void {
    if (this.n === this.t.length) this.resize(this.t.length * 2);
    const i = (this.head + this.n) % this.t.length;
    this.t[i] = t;
    this.v[i] = v;
    this.n++;
    while (this.n > 1 && t - this.t[this.head]! > spanMs) {
      this.head = (this.head + 1) % this.t.length;
      this.n--;
    }
    // give memory back once a burst has passed
    if (this.t.length > 64 && this.n < this.t.length / 4) this.resize(this.t.length / 2);
  }

  /** Time and value of the oldest reading kept; undefined when empty. */
  firstTime(): number | undefined {
    return this.n > 0 ? this.t[this.head] : undefined;
  }

  firstValue(): number | undefined {
    return this.n > 0 ? this.v[this.head] : undefined;
  }

  /** The readings, oldest first, as plain data (checkpoints). */
  toJSON(): { t: number; v: number }[] {
    const out: { t: number; v: number }[] = [];
    for (let k = 0; k < this.n; k++) {
      const i = (this.head + k) % this.t.length;
      out.push({ t: this.t[i]!, v: this.v[i]! });
    }
    return out;
  }

  static from(readings: readonly { t: number; v: number }[]): RateWindow {
    const w = new RateWindow(Math.max(8, readings.length));
    readings.forEach((r, k) => {
      w.t[k] = r.t;
      w.v[k] = r.v;
    });
    w.n = readings.length;
    return w;
  }

  private resize(capacity: number): void {
    const t = new Float64Array(capacity);
    const v = new Float64Array(capacity);
    for (let k = 0; k < this.n; k++) {
      const i = (this.head + k) % this.t.length;
      t[k] = this.t[i]!;
      v[k] = this.v[i]!;
    }
    this.t = t;
    this.v = v;
    this.head = 0;
  }
}
