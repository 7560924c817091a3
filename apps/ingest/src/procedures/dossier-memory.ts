import { internFacts, isOpen, packFacts, StringTable, unpackFacts, type DossierFact, type DossierRecord } from '@cityioc/domain';
import { DossierArena } from './dossier-arena.ts';

/** A state that keeps a part per dossier (the indicator cells, the 766 cells): it lets a finished dossier's part go and takes it back. */
export interface DossierPartHolder {
  /** The dossier's part as text, its counts staying in the cells; null when it must stay in memory. */
  archivePart(dossierCode: string): string | null;
  /** Takes back the part `archivePart` returned, for the same dossier's record. */
  restorePart(record: DossierRecord, packed: string): void;
}

const SEP = '\u0002';

/**
 * Where the dossier service keeps its dossiers (issue 16 #7). Open dossiers, and the last
 * `keepFinished` dossiers that finished, are objects: their sorted facts and their folded record.
 * Older finished dossiers (completed, stopped, or never received) are packed into one entry each of
 * an off-heap arena (`dossier-arena.ts`: bytes the GC does not scan, no JS string or Map entry per
 * dossier): its code; the parts the holders gave up and its facts (`packFacts`: ~100 bytes, the
 * codes they repeat kept once in a string table); its reception time beside them (for scans by
 * period, read without decoding). A packed dossier
 * is unpacked and folded again when it is read (`record`, `all`), and revived — facts, record and
 * parts back in memory — when it changes (a late event, a catalogue or calendar change, a
 * complaint naming it). Every reader gets the record a full fold gives, so results are the same.
 */
export class DossierMemory {
  private readonly facts = new Map<string, readonly DossierFact[]>();
  private readonly records = new Map<string, DossierRecord>();
  private strings = new StringTable();
  /**
   * Dossiers that finished, oldest first: a dossier is queued when it finishes, not again for each
   * later event (its length stays within the dossiers finished since the last `trim`, plus `keepFinished`).
   */
  private finishedQueue: string[] = [];
  private head = 0;

  constructor(
    private readonly recordOf: (facts: readonly DossierFact[]) => DossierRecord | null,
    private readonly holders: readonly DossierPartHolder[],
    private readonly keepFinished: number,
    private readonly packed = new DossierArena(),
  ) {}

  /** Every dossier, in memory or packed. */
  get size(): number {
    return this.records.size + this.packed.size;
  }

  /** Finished dossiers queued to be packed (at most `keepFinished` after `trim`, a dossier queued once). */
  get queuedFinished(): number {
    return this.finishedQueue.length - this.head;
  }

  /** The arena's bytes and compactions (the bench and tests read them). */
  arenaStats(): ReturnType<DossierArena['stats']> {
    return this.packed.stats();
  }

  /** Dossiers kept as objects. */
  get unpackedSize(): number {
    return this.records.size;
  }

  /** The facts of a dossier about to change: a packed dossier is revived first; [] for a new one. */
  factsForChange(code: string): readonly DossierFact[] {
    const live = this.facts.get(code);
    if (live) return live;
    return this.packed.has(code) ? this.revive(code) : [];
  }

  /** The record of a dossier about to change (its parts back in the holders); undefined when unknown. */
  recordForChange(code: string): DossierRecord | undefined {
    if (this.packed.has(code)) this.revive(code);
    return this.records.get(code);
  }

  /** The record in memory, if the dossier is not packed. */
  unpackedRecord(code: string): DossierRecord | undefined {
    return this.records.get(code);
  }

  /** Stores a dossier's new facts and record. */
  set(code: string, facts: readonly DossierFact[], record: DossierRecord): void {
    const before = this.records.get(code);
    this.facts.set(code, facts);
    this.records.set(code, record);
    // queued once when it finishes (not again for each later event of a finished dossier): `keepFinished` counts dossiers
    if (this.keepFinished !== Infinity && !isOpen(record) && (before === undefined || isOpen(before))) this.finishedQueue.push(code);
  }

  /** Any dossier's record (a packed one is folded again from its facts). */
  record(code: string): DossierRecord | undefined {
    const r = this.records.get(code);
    if (r) return r;
    const entry = this.packed.get(code);
    return entry === undefined ? undefined : (this.recordOf(this.unpack(code, entry)) ?? undefined);
  }

  /** The dossiers kept as objects (every open one among them). */
  unpackedRecords(): IterableIterator<DossierRecord> {
    return this.records.values();
  }

  /** The codes of the dossiers kept as objects, with their facts. */
  unpackedFacts(): IterableIterator<[string, readonly DossierFact[]]> {
    return this.facts.entries();
  }

  /** The codes of the packed dossiers (a copy: reviving one while going through them is safe). */
  packedCodes(): string[] {
    return this.packed.keys();
  }

  /**
   * Every dossier's record; with `receivedIn`, packed dossiers received outside [start, end) (or
   * never) are skipped without being unpacked (the caller still filters the others).
   */
  *all(receivedIn?: { start: number; end: number }): Generator<DossierRecord> {
    yield* this.records.values();
    // the reception time is the entry's tag (NaN: never received), read without decoding the entry
    const accept = receivedIn && ((at: number) => at >= receivedIn.start && at < receivedIn.end);
    for (const [code, entry] of this.packed.entries(accept)) {
      const r = this.recordOf(this.unpack(code, entry));
      if (r) yield r;
    }
  }

  /** Packs the finished dossiers beyond the `keepFinished` most recent. Call it between changes, never between a revive and the put that follows. */
  trim(): void {
    while (this.finishedQueue.length - this.head > this.keepFinished) {
      const code = this.finishedQueue[this.head]!;
      // the queue lets go of the code at once (it may be a cons or sliced string holding a larger parent)
      this.finishedQueue[this.head++] = '';
      this.pack(code);
    }
    if (this.head > 4096 && this.head * 2 > this.finishedQueue.length) {
      this.finishedQueue = this.finishedQueue.slice(this.head);
      this.head = 0;
    }
  }

  /** Packs a finished dossier now; false when it is open, unknown, already packed, or a holder keeps its part. */
  pack(code: string): boolean {
    const record = this.records.get(code);
    const facts = this.facts.get(code);
    if (!record || !facts || isOpen(record)) return false;
    const text = packFacts(facts, this.strings);
    const parts: string[] = [];
    for (const h of this.holders) {
      const p = h.archivePart(code);
      if (p === null) {
        for (let i = 0; i < parts.length; i++) this.holders[i]!.restorePart(record, parts[i]!);
        return false;
      }
      parts.push(p);
    }
    this.facts.delete(code);
    this.records.delete(code);
    // copied into the arena as bytes: no string of the caller's (nor a parent it slices) stays alive
    this.packed.set(code, [...parts, text].join(SEP), record.receivedAt ?? NaN);
    return true;
  }

  /**
   * For a checkpoint: the strings the packed dossiers name, and every dossier's facts packed, as
   * they are consumed. The strings of the dossiers in memory are interned here (so that the table is
   * complete) and their facts arrays held, the packed ones frozen (dossier-arena.ts `frozen`): the
   * memory may change while they are read, and they stay as they were at this call.
   */
  exportPacked(): { strings: string[]; dossiers: Generator<[string, string]> } {
    // The dossiers in memory: their facts arrays as they are now (never changed in place: a change sets a new array),
    // their strings interned now so that the table written first is complete, each packed only when it is written.
    const inMemory = Array.from(this.facts);
    for (const [, facts] of inMemory) internFacts(facts, this.strings);
    const strings = [...this.strings.strings()];
    const table = this.strings; // grows later (append-only): the ids of `strings` stay what they are
    // the packed ones as they are now, decoded only as they are written (dossier-arena.ts `frozen`)
    const packed = this.packed.frozen();
    const dossiers = function* (): Generator<[string, string]> {
      for (const [code, facts] of inMemory) yield [code, packFacts(facts, table)];
      for (const [code, entry] of packed.entries()) yield [code, entry.slice(entry.lastIndexOf(SEP) + 1)];
    };
    return { strings, dossiers: dossiers() };
  }

  /** The facts of a checkpoint's packed dossier; `useStrings` first, on an empty memory. */
  importFacts(code: string, text: string): DossierFact[] {
    return unpackFacts(code, text, this.strings);
  }

  useStrings(strings: readonly string[]): void {
    if (this.size > 0 || this.strings.strings().length > 0) throw new Error('the string table of a non-empty dossier memory cannot be replaced');
    this.strings = new StringTable(strings);
  }

  private unpack(code: string, entry: string): DossierFact[] {
    return unpackFacts(code, entry.slice(entry.lastIndexOf(SEP) + 1), this.strings);
  }

  private revive(code: string): readonly DossierFact[] {
    const entry = this.packed.get(code)!;
    const fields = entry.split(SEP);
    const facts = unpackFacts(code, fields[fields.length - 1]!, this.strings);
    const record = this.recordOf(facts)!;
    this.holders.forEach((h, i) => h.restorePart(record, fields[i]!));
    this.packed.delete(code);
    this.set(code, facts, record);
    return facts;
  }
}
