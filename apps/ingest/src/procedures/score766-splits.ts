import type { ItemError, ReferencePutResponse } from '@cityioc/contracts';
import { SCORE_766_SCHEMES, splitErrors, type Score766SchemeId, type Score766Split } from '@cityioc/domain';
import type { ReferenceStore, StoredReferenceItem } from '../store/reference-store.ts';
import { putReferenceBatch, type CheckedItem } from './reference-batch.ts';

export const SPLIT_KIND = 'score766-split';

export interface StoredSplit extends Score766Split {
  version: number;
  storedAt: number;
  origin: string;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** One split: its shape, then the scheme's rules (known group and metrics, unpublished ones only, the group's maximum). */
export function checkSplit(item: unknown): CheckedItem<Score766Split> {
  const bad = (field: string, reason: string, message: string, key: string | null = null): CheckedItem<Score766Split> => ({
    ok: false,
    key,
    errors: [{ field, reason, message }],
  });
  if (!isRecord(item)) return bad('', 'type', 'a split is a JSON object {scheme, group, metrics, source}');
  const { scheme, group, metrics, source } = item;
  const key = typeof scheme === 'string' && typeof group === 'string' ? `${scheme}/${group}` : null;
  const extra = Object.keys(item).filter((k) => !['scheme', 'group', 'metrics', 'source'].includes(k));
  if (extra.length > 0) return bad(`/${extra[0]}`, 'unknown_field', `'${extra[0]}' is not a field of a split`, key);
  if (typeof scheme !== 'string' || !(scheme in SCORE_766_SCHEMES))
    return bad('/scheme', 'unknown_scheme', `scheme is one of ${Object.keys(SCORE_766_SCHEMES).join(', ')}`, key);
  if (typeof group !== 'string') return bad('/group', 'type', 'group is a group id of the scheme', key);
  if (typeof source !== 'string' || source.trim() === '' || source.length > 500)
    return bad('/source', 'required', 'say where the split comes from (the province decision), ≤ 500 characters', key);
  if (!isRecord(metrics) || Object.values(metrics).some((v) => typeof v !== 'number'))
    return bad('/metrics', 'type', 'metrics maps metric codes to maximum points', key);
  const split: Score766Split = {
    scheme: scheme as Score766SchemeId,
    group: group as Score766Split['group'],
    metrics: metrics as Record<string, number>,
    source: source.trim(),
  };
  const errors: ItemError[] = splitErrors(split, SCORE_766_SCHEMES[split.scheme]).map((message) => ({ field: '/metrics', reason: 'invalid_split', message }));
  if (errors.length > 0) return { ok: false, key, errors };
  const sorted = Object.fromEntries(Object.entries(split.metrics).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ok: true, key: key!, validFrom: null, value: { ...split, metrics: sorted } };
}

/**
 * The splits of a group's points among metrics the scheme publishes no maximum for (the portal's
 * online-service and payment groups, most of the 2022 text), as a city reads them in its
 * province's 766 decision: versioned reference documents (latest version per scheme and group
 * applies). Without one, those metrics show their ratio and no points.
 */
export class Score766SplitService {
  private current = new Map<string, StoredReferenceItem>();

  constructor(private readonly store: ReferenceStore) {}

  async load(): Promise<void> {
    for (const it of await this.store.referenceItems(SPLIT_KIND)) this.remember(it);
  }

  private remember(it: StoredReferenceItem): void {
    const prev = this.current.get(it.key);
    if (!prev || prev.version < it.version) this.current.set(it.key, it);
  }

  splits(): Score766Split[] {
    return [...this.current.values()].map((it) => it.body as Score766Split);
  }

  list(): StoredSplit[] {
    return [...this.current.values()]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((it) => ({ ...(it.body as Score766Split), version: it.version, storedAt: it.storedAt, origin: it.origin }));
  }

  async put(items: readonly unknown[], origin: string, now: number): Promise<ReferencePutResponse> {
    const res = await putReferenceBatch(this.store, SPLIT_KIND, items.map(checkSplit), origin, now);
    for (const it of res.stored) this.remember(it);
    return res.response;
  }
}
