import type { IngestResponse, ItemError, ItemResult, NewObservation } from '@cityioc/contracts';
import { referenceErrors, validateObservation, type CatalogueIndex } from '@cityioc/domain';
import type { GroupCommitWriter } from './group-commit.ts';
import { checkItem } from './item-validator.ts';

export interface IngestDeps {
  index: CatalogueIndex;
  writer: GroupCommitWriter<NewObservation>;
  clock: () => number;
}

/** A line that was not JSON (or too long to parse), carried into the item list so it gets its own result. */
export class UnparsableLine {
  constructor(
    readonly message: string,
    readonly reason: 'invalid_json' | 'line_too_long' = 'invalid_json',
  ) {}
}

export type ItemCheck<T> = { ok: true; value: T; id: string } | { ok: false; errors: ItemError[]; id: string | null };

/**
 * The ingest of every feed: each item is checked on its own, the valid ones are stored in one
 * durable append, and each item gets its result. A bad item never costs the others their place.
 */
export async function ingestChecked<T extends object>(
  items: readonly unknown[],
  check: (item: unknown) => ItemCheck<T>,
  writer: GroupCommitWriter<T>,
): Promise<IngestResponse> {
  const results: ItemResult[] = new Array(items.length);
  const valid: T[] = [];
  const validAt: { index: number; id: string }[] = [];
  let rejected = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const c: ItemCheck<T> =
      item instanceof UnparsableLine ? { ok: false, id: null, errors: [{ field: '', reason: item.reason, message: item.message }] } : check(item);
    if (!c.ok) {
      results[i] = { index: i, id: c.id, status: 'rejected', errors: c.errors };
      rejected++;
      continue;
    }
    valid.push(c.value);
    validAt.push({ index: i, id: c.id });
  }
  const seqs = await writer.append(valid);
  let accepted = 0;
  let duplicates = 0;
  for (let k = 0; k < valid.length; k++) {
    const { index, id } = validAt[k]!;
    const seq = seqs[k];
    if (seq === null || seq === undefined) {
      results[index] = { index, id, status: 'duplicate' };
      duplicates++;
    } else {
      results[index] = { index, id, status: 'accepted', seq };
      accepted++;
    }
  }
  return { accepted, duplicates, rejected, results };
}

function idOf(item: unknown, field: string): string | null {
  const v = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : null;
}

/** Observations: JSON schema, then the catalogue's rules. */
export function ingestItems(items: readonly unknown[], source: string, deps: IngestDeps): Promise<IngestResponse> {
  const now = deps.clock();
  return ingestChecked<NewObservation>(
    items,
    (item) => {
      const id = idOf(item, 'id');
      const shape = checkItem(item);
      if (!shape.ok) {
        const refs = typeof item === 'object' && item !== null ? referenceErrors(item as Record<string, unknown>, deps.index) : [];
        return { ok: false, id, errors: [...shape.errors, ...refs.filter((r) => !shape.errors.some((e) => e.field === r.field))] };
      }
      const v = validateObservation(shape.value, { index: deps.index, now, source });
      return v.ok ? { ok: true, id: shape.value.id, value: v.observation } : { ok: false, id, errors: v.errors };
    },
    deps.writer,
  );
}
