import type { ItemError, ReferencePutResponse } from '@cityioc/contracts';
import type { ReferenceStore, StoredReferenceItem } from '../store/reference-store.ts';

/** A batch item after its checks: its key, the date its version applies from, and the document. */
export type CheckedItem<T> = { ok: true; key: string; validFrom: string | null; value: T } | { ok: false; key: string | null; errors: ItemError[] };

/**
 * Stores the valid items of a checked batch in one transaction and answers per item, in order:
 * stored (a new version), unchanged (the same document is already the version for its date) or
 * rejected with its errors. Returns what was stored, for the caller to apply.
 */
export async function putReferenceBatch<T>(
  store: ReferenceStore,
  kind: string,
  checked: readonly CheckedItem<T>[],
  origin: string,
  now: number,
): Promise<{ response: ReferencePutResponse; stored: StoredReferenceItem[] }> {
  const valid = checked.flatMap((c, index) => (c.ok ? [{ index, c }] : []));
  const versions = await store.putReferenceItems(
    kind,
    valid.map(({ c }) => ({ key: c.key, validFrom: c.validFrom, body: c.value, origin })),
    now,
  );
  const results: ReferencePutResponse['results'] = checked.map((c, index) =>
    c.ok ? { index, key: c.key, status: 'unchanged' as const } : { index, key: c.key, status: 'rejected' as const, errors: c.errors },
  );
  const stored: StoredReferenceItem[] = [];
  valid.forEach(({ index, c }, i) => {
    const v = versions[i]!;
    results[index] = { index, key: c.key, status: v.stored ? 'stored' : 'unchanged', version: v.version };
    if (v.stored) stored.push({ kind, key: c.key, version: v.version, validFrom: c.validFrom, body: c.value, origin, storedAt: now });
  });
  const count = (s: string) => results.filter((r) => r.status === s).length;
  return { response: { stored: count('stored'), unchanged: count('unchanged'), rejected: count('rejected'), results }, stored };
}
