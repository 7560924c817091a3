import { RFC3339_PATTERN, type IngestResponse, type ItemError, type ItemResult, type NewObservation } from '@cityioc/contracts';
import { dateBoundBreak, referenceErrors, validateObservation, type CatalogueIndex, type DateBounds } from '@cityioc/domain';
import type { FeedGrant } from '@cityioc/contracts';
import { withGrant } from '../feeds/grant-check.ts';
import type { GroupCommitWriter } from './group-commit.ts';
import { checkItem } from './item-validator.ts';

export interface IngestDeps {
  index: CatalogueIndex;
  writer: GroupCommitWriter<NewObservation>;
  clock: () => number;
  dateBounds: DateBounds;
}

/**
 * Where checked items go: a log that numbers each (its position, or null for a duplicate id), or a
 * table that keeps the latest of each key ('stored', no position).
 */
export interface ItemSink<T> {
  append(batch: readonly T[]): Promise<readonly (number | null | 'stored')[]>;
}

/** A line that was not JSON (or too long to parse), carried into the item list so it gets its own result. */
export class UnparsableLine {
  constructor(
    readonly message: string,
    readonly reason: 'invalid_json' | 'line_too_long' = 'invalid_json',
  ) {}
}

export type ItemCheck<T> = { ok: true; value: T; id: string } | { ok: false; errors: ItemError[]; id: string | null };

/** The items checked: results of the rejected ones, and the valid ones with their index and id (flat arrays). */
interface Checked<T> {
  /** With `listAccepted`, one slot per item (the valid ones' filled in by `answer`); otherwise the rejected items' results alone, in item order. */
  results: ItemResult[];
  valid: T[];
  validIndex: number[];
  validId: string[];
  rejected: number;
}

function checkAll<T>(items: readonly unknown[], check: (item: unknown) => ItemCheck<T>, listAccepted: boolean): Checked<T> {
  const out: Checked<T> = { results: listAccepted ? new Array<ItemResult>(items.length) : [], valid: [], validIndex: [], validId: [], rejected: 0 };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const c: ItemCheck<T> =
      item instanceof UnparsableLine ? { ok: false, id: null, errors: [{ field: '', reason: item.reason, message: item.message }] } : check(item);
    if (!c.ok) {
      const r: ItemResult = { index: i, id: c.id, status: 'rejected', errors: c.errors };
      if (listAccepted) out.results[i] = r;
      else out.results.push(r);
      out.rejected++;
      continue;
    }
    out.valid.push(c.value);
    out.validIndex.push(i);
    out.validId.push(c.id);
  }
  return out;
}

function answer<T>(c: Checked<T>, seqs: readonly (number | null | 'stored')[], listAccepted: boolean): IngestResponse {
  const { valid, validIndex, validId } = c;
  // without listAccepted: the refused items alone, the rejected ones (c.results, in item order) merged with the duplicates
  const results = listAccepted ? c.results : [];
  let rejectedTaken = 0;
  let accepted = 0;
  let duplicates = 0;
  for (let k = 0; k < valid.length; k++) {
    const index = validIndex[k]!;
    const id = validId[k]!;
    const seq = seqs[k];
    if (seq === null || seq === undefined) {
      duplicates++;
      if (listAccepted) results[index] = { index, id, status: 'duplicate' };
      else {
        while (rejectedTaken < c.results.length && c.results[rejectedTaken]!.index < index) results.push(c.results[rejectedTaken++]!);
        results.push({ index, id, status: 'duplicate' });
      }
    } else {
      accepted++;
      if (listAccepted) results[index] = seq === 'stored' ? { index, id, status: 'accepted' } : { index, id, status: 'accepted', seq };
    }
  }
  if (!listAccepted) while (rejectedTaken < c.results.length) results.push(c.results[rejectedTaken++]!);
  return { accepted, duplicates, rejected: c.rejected, results };
}

/**
 * The ingest of every feed: each item is checked on its own, the valid ones are stored in one
 * durable append, and each item gets its result. A bad item never costs the others their place.
 * `listAccepted` false (an NDJSON upload answering only the lines not accepted): the accepted items
 * are counted but get no entry in `results`, which then lists the others in item order.
 *
 * Not an async function: what waits for the commit holds the checked items, not `items` (an
 * NDJSON slice's parsed lines die young, instead of being kept, and promoted by the GC, until
 * the disk flush of their commit ends).
 */
export function ingestChecked<T extends object>(
  items: readonly unknown[],
  check: (item: unknown) => ItemCheck<T>,
  writer: ItemSink<T>,
  listAccepted = true,
): Promise<IngestResponse> {
  let c: Checked<T>;
  let stored: Promise<readonly (number | null | 'stored')[]>;
  try {
    c = checkAll(items, check, listAccepted);
    stored = writer.append(c.valid);
  } catch (e) {
    return Promise.reject(e);
  }
  return stored.then((seqs) => answer(c, seqs, listAccepted));
}

function idOf(item: unknown, field: string): string | null {
  const v = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' ? v : null;
}

/**
 * The plausibility of observedAt of an item whose shape is wrong (a well-formed one is checked by
 * validateObservation first thing), so that its reason is the item's:
 * before IOC_DATE_MIN → implausible_date; further ahead than IOC_MAX_FUTURE_SEC → in_future (the
 * observation feed's name for that bound since its first version).
 */
const rfc3339 = new RegExp(RFC3339_PATTERN);
function observedAtBounds(item: unknown, now: number, b: DateBounds): ItemError | null {
  const v = typeof item === 'object' && item !== null ? (item as { observedAt?: unknown }).observedAt : undefined;
  // a time without an offset is the schema's to refuse (format), not read in the server's zone
  if (typeof v !== 'string' || !rfc3339.test(v)) return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const broke = dateBoundBreak(ms, 'event', now, b);
  if (broke === 'before_min')
    return { field: '/observedAt', reason: 'implausible_date', message: `observedAt ${v} is before the earliest date the IOC accepts (IOC_DATE_MIN)` };
  if (broke === 'too_far_ahead')
    return { field: '/observedAt', reason: 'in_future', message: `observedAt is more than ${b.maxAheadMs / 1000} s ahead of the server clock` };
  return null;
}

/** Observations: the date's plausibility, the JSON schema, the catalogue's rules, then the key's grant (null: everything). */
export function ingestItems(
  items: readonly unknown[],
  source: string,
  deps: IngestDeps,
  grant: FeedGrant | null = null,
  listAccepted = true,
): Promise<IngestResponse> {
  const now = deps.clock();
  const check = withGrant<NewObservation>(
    (item) => {
      const id = idOf(item, 'id');
      const shape = checkItem(item);
      if (!shape.ok) {
        // an implausible date is the item's reason even when its shape is wrong too
        const early = observedAtBounds(item, now, deps.dateBounds);
        if (early) return { ok: false, id, errors: [early] };
        const refs = typeof item === 'object' && item !== null ? referenceErrors(item as Record<string, unknown>, deps.index) : [];
        return { ok: false, id, errors: [...shape.errors, ...refs.filter((r) => !shape.errors.some((e) => e.field === r.field))] };
      }
      const v = validateObservation(shape.value, { index: deps.index, now, source, minMs: deps.dateBounds.minMs, maxAheadMs: deps.dateBounds.maxAheadMs });
      return v.ok ? { ok: true, id: shape.value.id, value: v.observation } : { ok: false, id, errors: v.errors };
    },
    grant,
    (o) => ({ station: o.station, unit: o.area, agency: o.agency }),
    deps.index.ancestorsAndSelf,
  );
  return ingestChecked<NewObservation>(items, check, deps.writer, listAccepted);
}
