import { readFileSync } from 'node:fs';
import type { ItemError, ProcedureItem, ProceduresResponse, ReferencePutResponse } from '@cityioc/contracts';
import { ProcedureCatalogue } from '@cityioc/domain';
import { UnparsableLine } from '../pipeline/ingest.service.ts';
import type { ReferenceStore, StoredReferenceItem } from '../store/reference-store.ts';
import { putReferenceBatch, type CheckedItem } from './reference-batch.ts';

/** The reference kind of procedure catalogue items in the store. */
export const PROCEDURE_KIND = 'procedure';

/**
 * The procedure catalogue: loaded from the store at start (before the dossier log is replayed, so
 * dossiers without NgayHenTra get their legal due date as they are folded), updated by file
 * (IOC_PROCEDURES_FILE, at start) or API (PUT /api/v1/procedures). Every version is kept; a new
 * version of a code applies to dossiers received from its validFrom on.
 */
export class ProcedureService {
  readonly catalogue = new ProcedureCatalogue();
  private readonly stored = new Map<string, StoredReferenceItem>();
  private readonly listeners: ((codes: ReadonlySet<string>) => void)[] = [];

  /**
   * @param check one item's checks (feeds/procedures/procedure-item.check.ts: our names or the
   * portal's, dates, schema, rules, the agencies and units it names), given the server clock
   */
  constructor(
    private readonly store: ReferenceStore,
    private readonly check: (item: unknown, now: number) => CheckedItem<ProcedureItem>,
  ) {}

  /** Called with the codes of new versions, after they are stored. */
  onChange(fn: (codes: ReadonlySet<string>) => void): void {
    this.listeners.push(fn);
  }

  /** Adds the versions not held yet; returns their codes. */
  private remember(items: readonly StoredReferenceItem[]): Set<string> {
    const codes = new Set<string>();
    for (const it of items) {
      if (this.stored.has(`${it.key}#${it.version}`)) continue; // already here (our own upload, or a follow-up read)
      const body = it.body as ProcedureItem;
      this.stored.set(`${it.key}#${it.version}`, it);
      this.catalogue.add({ ...body, version: it.version });
      codes.add(it.key);
    }
    return codes;
  }

  /** Loads every stored version; returns how many. */
  async load(): Promise<number> {
    const items = await this.store.referenceItems(PROCEDURE_KIND);
    this.remember(items);
    return items.length;
  }

  /** Checks, stores and applies a batch: per-item results, a valid item never dropped for another's fault. */
  async put(items: readonly unknown[], origin: string, now: number, rows?: readonly number[]): Promise<ReferencePutResponse> {
    const res = await putReferenceBatch(
      this.store,
      PROCEDURE_KIND,
      items.map((it) =>
        it instanceof UnparsableLine ? { ok: false as const, key: null, errors: [{ field: '', reason: it.reason, message: it.message }] } : this.check(it, now),
      ),
      origin,
      now,
    );
    if (rows) for (const r of res.response.results) r.row = rows[r.index]!;
    const codes = this.remember(res.stored);
    if (codes.size > 0) for (const fn of this.listeners) fn(codes);
    return res.response;
  }

  /** Several nodes: applies the versions another node stored since (live/document-follower.ts); returns how many. */
  async refresh(): Promise<number> {
    const codes = this.remember(await this.store.referenceItems(PROCEDURE_KIND));
    if (codes.size > 0) for (const fn of this.listeners) fn(codes);
    return codes.size;
  }

  /** Loads a JSON file of items (an array, or {"items": [...]}) at start; any bad item stops the start, naming it. */
  async loadFile(file: string, now: number): Promise<ReferencePutResponse> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`IOC_PROCEDURES_FILE=${file}: ${(e as Error).message}`);
    }
    const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) throw new Error(`IOC_PROCEDURES_FILE=${file}: expected a JSON array of procedure items (or {"items": [...]})`);
    const bad = items.map((it, i) => ({ i, c: this.check(it, now) })).filter((x) => !x.c.ok);
    if (bad.length > 0) {
      const say = (e: ItemError) => `${e.field || 'item'} ${e.reason}: ${e.message}`;
      throw new Error(
        `IOC_PROCEDURES_FILE=${file}: ${bad.map((b) => `item ${b.i}: ${(b.c as { errors: ItemError[] }).errors.map(say).join(', ')}`).join('; ')}`,
      );
    }
    return this.put(items, `file:${file}`, now);
  }

  /** Every stored version, the one in force now marked current. */
  list(now: number): ProceduresResponse {
    const items = [...this.stored.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.version - b.version))
      .map((it) => ({
        ...(it.body as ProcedureItem),
        version: it.version,
        storedAt: it.storedAt,
        origin: it.origin,
        current: this.catalogue.at(it.key, now)?.version === it.version,
      }));
    return { asOf: now, items };
  }
}
