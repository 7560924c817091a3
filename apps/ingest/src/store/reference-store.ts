/**
 * Versioned reference documents: the procedure catalogue, the working-day schedules, and later the
 * full TTHC record (#14). One small generic table, `reference_items(kind, key, version, valid_from,
 * body, origin, stored_at)`, in both stores: every version is kept, a key's versions are numbered
 * 1, 2, … in the order they were stored, and `valid_from` says from which local date a version
 * applies (null: from always). Read whole at start, before the dossier log is replayed, so the
 * catalogue is known when the dossiers are folded.
 */
export interface ReferenceItemInput {
  key: string;
  /** Local date 'YYYY-MM-DD' from which this version applies; null when it does not depend on the date. */
  validFrom: string | null;
  /** The document, stored as its JSON text. */
  body: unknown;
  /** Who sent it: 'file:<path>' or the API key's source. */
  origin: string;
}

export interface StoredReferenceItem {
  kind: string;
  key: string;
  version: number;
  validFrom: string | null;
  body: unknown;
  origin: string;
  /** epoch ms */
  storedAt: number;
}

export interface ReferencePutResult {
  version: number;
  /** false: the same body was already the latest version of this key for the same validFrom. */
  stored: boolean;
}

export interface ReferenceStore {
  /**
   * Stores items of one kind in one transaction, in order. An item whose body equals the latest
   * stored version of its key with the same validFrom is not stored again (a reload of the same
   * file changes nothing); any other item becomes the key's next version.
   */
  putReferenceItems(kind: string, items: readonly ReferenceItemInput[], storedAt: number): Promise<ReferencePutResult[]>;
  /** Every version of every key of a kind, ordered by key, then version. */
  referenceItems(kind: string): Promise<StoredReferenceItem[]>;
  /** The same list without the bodies (large documents: boundary imports), ordered by key, then version. */
  referenceHeads(kind: string): Promise<Omit<StoredReferenceItem, 'body'>[]>;
  /** One stored version's body, or undefined. */
  referenceBody(kind: string, key: string, version: number): Promise<unknown>;
  /**
   * The key's highest version with its body (whatever its validFrom), or undefined: one indexed read, however many
   * versions the key has (a wall's pin document gains one per pin and release).
   */
  referenceLatest(kind: string, key: string): Promise<StoredReferenceItem | undefined>;
  /** The keys of a kind that have a version, in byte order. */
  referenceKeys(kind: string): Promise<string[]>;
}

/** The table, in SQL both stores accept (PostgreSQL: migration; SQLite: CREATE IF NOT EXISTS). */
export function referenceItemsDdl(epochType: 'INTEGER' | 'BIGINT', ifNotExists: boolean): string {
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}reference_items (
      kind TEXT NOT NULL,
      key TEXT NOT NULL,
      version INTEGER NOT NULL,
      valid_from TEXT,
      body TEXT NOT NULL,
      origin TEXT NOT NULL,
      stored_at ${epochType} NOT NULL,
      PRIMARY KEY (kind, key, version)
    );`;
}

type ReferenceRow = [kind: string, key: string, version: number, validFrom: string | null, body: string, origin: string, storedAt: number];
export const REFERENCE_COLUMNS = 'kind, key, version, valid_from, body, origin, stored_at';

type ReferenceHeadRow = [kind: string, key: string, version: number, validFrom: string | null, origin: string, storedAt: number];
const REFERENCE_HEAD_COLUMNS = 'kind, key, version, valid_from, origin, stored_at';

function referenceHeadFromRow(r: ReferenceHeadRow): Omit<StoredReferenceItem, 'body'> {
  return { kind: r[0], key: r[1], version: Number(r[2]), validFrom: r[3], origin: r[4], storedAt: Number(r[5]) };
}

function referenceFromRow(r: ReferenceRow): StoredReferenceItem {
  return { kind: r[0], key: r[1], version: Number(r[2]), validFrom: r[3], body: JSON.parse(r[4]) as unknown, origin: r[5], storedAt: Number(r[6]) };
}

export interface ExistingReference {
  key: string;
  version: number;
  validFrom: string | null;
  /** JSON text as stored. */
  body: string;
}

export interface PlannedReferenceRow {
  key: string;
  version: number;
  validFrom: string | null;
  body: string;
  origin: string;
}

/** Assigns versions to a batch, given the stored versions of its keys. Pure. */
function planReferenceBatch(
  items: readonly ReferenceItemInput[],
  existing: readonly ExistingReference[],
): { results: ReferencePutResult[]; rows: PlannedReferenceRow[] } {
  const maxVersion = new Map<string, number>();
  /** key + validFrom → the latest version's body and number */
  const latest = new Map<string, { version: number; body: string }>();
  const slot = (key: string, validFrom: string | null) => `${key}\u0001${validFrom ?? ''}`;
  const note = (key: string, version: number, validFrom: string | null, body: string) => {
    maxVersion.set(key, Math.max(maxVersion.get(key) ?? 0, version));
    const s = slot(key, validFrom);
    const prev = latest.get(s);
    if (!prev || prev.version < version) latest.set(s, { version, body });
  };
  for (const e of existing) note(e.key, e.version, e.validFrom, e.body);
  const results: ReferencePutResult[] = [];
  const rows: PlannedReferenceRow[] = [];
  for (const item of items) {
    const body = JSON.stringify(item.body);
    const same = latest.get(slot(item.key, item.validFrom));
    if (same && same.body === body) {
      results.push({ version: same.version, stored: false });
      continue;
    }
    const version = (maxVersion.get(item.key) ?? 0) + 1;
    note(item.key, version, item.validFrom, body);
    rows.push({ key: item.key, version, validFrom: item.validFrom, body, origin: item.origin });
    results.push({ version, stored: true });
  }
  return { results, rows };
}

/** What each engine supplies to the reference store; referenceStoreOn adds the rest (versions, row mapping) once for both. */
export interface ReferenceEngine {
  /**
   * In one transaction, serialised per kind: reads the latest stored version of each (key, valid_from) of `keys`, then
   * inserts the rows `plan` returns for them, stamped `storedAt`.
   */
  write(
    kind: string,
    keys: readonly string[],
    storedAt: number,
    plan: (existing: readonly ExistingReference[]) => readonly PlannedReferenceRow[],
  ): Promise<void>;
  /** Every version of a kind as positional rows of `columns`, ordered by key (in byte order, as JavaScript orders them), then version. */
  rows<R extends unknown[]>(columns: string, kind: string): Promise<R[]>;
  /** One stored version's body (JSON text), or undefined. */
  body(kind: string, key: string, version: number): Promise<string | undefined>;
  /** The key's highest version as a positional row of REFERENCE_COLUMNS (ORDER BY version DESC LIMIT 1 on the primary key), or undefined. */
  latest(kind: string, key: string): Promise<unknown[] | undefined>;
  /** The distinct keys of a kind, in byte order. */
  keys(kind: string): Promise<string[]>;
}

export function referenceStoreOn(engine: ReferenceEngine): ReferenceStore {
  return {
    async putReferenceItems(kind, items, storedAt) {
      if (items.length === 0) return [];
      let results: ReferencePutResult[] = [];
      await engine.write(kind, [...new Set(items.map((i) => i.key))], storedAt, (existing) => {
        const plan = planReferenceBatch(items, existing);
        results = plan.results;
        return plan.rows;
      });
      return results;
    },
    async referenceItems(kind) {
      return (await engine.rows<ReferenceRow>(REFERENCE_COLUMNS, kind)).map(referenceFromRow);
    },
    async referenceHeads(kind) {
      return (await engine.rows<ReferenceHeadRow>(REFERENCE_HEAD_COLUMNS, kind)).map(referenceHeadFromRow);
    },
    async referenceBody(kind, key, version) {
      const body = await engine.body(kind, key, version);
      return body === undefined ? undefined : (JSON.parse(body) as unknown);
    },
    async referenceLatest(kind, key) {
      const row = await engine.latest(kind, key);
      return row ? referenceFromRow(row as ReferenceRow) : undefined;
    },
    referenceKeys: (kind) => engine.keys(kind),
  };
}
