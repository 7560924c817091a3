import type { IngestResponse, ItemResult, NewObservation } from '@cityioc/contracts';
import { referenceErrors, validateObservation, type CatalogueIndex } from '@cityioc/domain';
import type { GroupCommitWriter } from './group-commit.ts';
import { checkItem } from './item-validator.ts';

export interface IngestDeps {
  index: CatalogueIndex;
  writer: GroupCommitWriter;
  clock: () => number;
}

/** A line that was not JSON, carried into the item list so it gets its own result. */
export class UnparsableLine {
  constructor(readonly message: string) {}
}

/**
 * Validates every item on its own, stores the valid ones in one durable append, and answers
 * per item. A bad item never costs the others their place.
 */
export async function ingestItems(items: readonly unknown[], source: string, deps: IngestDeps): Promise<IngestResponse> {
  const now = deps.clock();
  const results: ItemResult[] = new Array(items.length);
  const valid: NewObservation[] = [];
  const validIndex: number[] = [];
  let rejected = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const rawId = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : null;
    if (item instanceof UnparsableLine) {
      results[i] = { index: i, id: null, status: 'rejected', errors: [{ field: '', reason: 'invalid_json', message: item.message }] };
      rejected++;
      continue;
    }
    const shape = checkItem(item);
    if (!shape.ok) {
      const refs = (typeof item === 'object' && item !== null ? referenceErrors(item as Record<string, unknown>, deps.index) : []).filter(
        (r) => !shape.errors.some((e) => e.field === r.field),
      );
      results[i] = { index: i, id: rawId, status: 'rejected', errors: [...shape.errors, ...refs] };
      rejected++;
      continue;
    }
    const v = validateObservation(shape.value, { index: deps.index, now, source });
    if (!v.ok) {
      results[i] = { index: i, id: rawId, status: 'rejected', errors: v.errors };
      rejected++;
      continue;
    }
    valid.push(v.observation);
    validIndex.push(i);
  }
  const seqs = await deps.writer.append(valid);
  let accepted = 0;
  let duplicates = 0;
  for (let k = 0; k < valid.length; k++) {
    const i = validIndex[k]!;
    const seq = seqs[k];
    if (seq === null || seq === undefined) {
      results[i] = { index: i, id: valid[k]!.id, status: 'duplicate' };
      duplicates++;
    } else {
      results[i] = { index: i, id: valid[k]!.id, status: 'accepted', seq };
      accepted++;
    }
  }
  return { accepted, duplicates, rejected, results };
}
