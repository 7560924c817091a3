import { setImmediate as nextTurn } from 'node:timers/promises';
import type { IngestResponse, ItemError, ItemResult } from '@cityioc/contracts';
import { UnparsableLine } from './ingest.service.ts';
import { hasMoreLinesThan, NDJSON_MAX_LINE_BYTES, NdjsonBody, textBlocks } from './ndjson-body.ts';

/**
 * NDJSON bodies are parsed, checked and stored a slice at a time, and the event loop serves the
 * other clients between two slices: a 60 MB body costs many short turns instead of one long stall
 * (issue 12 #11). The whole body is received first, as network chunks (ndjson-body.ts), so a
 * body past the size limit is refused with 413 before any line is stored; it is then decoded a
 * block at a time.
 *
 * Chosen over a worker thread: the store's connection and the live state live on the main thread,
 * so validated items would have to be structured-cloned back (about the cost of parsing them
 * again) and the catalogue kept in two places; slicing bounds every stall with no extra copy.
 */

/** A body with more lines is refused whole (413 too_many_lines) before any line is stored. */
export const NDJSON_MAX_LINES = 1_000_000;
/** At most this many lines, or characters, are parsed, checked and stored per slice. */
export const NDJSON_SLICE_LINES = 2_000;
export const NDJSON_SLICE_CHARS = 512 * 1024;

export interface NdjsonSlice {
  items: unknown[];
  /** 0-based line number of each item. */
  lineNo: number[];
}

const tooLong = (line: number) => new UnparsableLine(`line ${line + 1} is longer than ${NDJSON_MAX_LINE_BYTES} bytes`, 'line_too_long');

/** Parses one line into `out` (blank lines are skipped); a line that is not JSON becomes an UnparsableLine. */
function parseLine(body: string, from: number, to: number, line: number, out: NdjsonSlice): void {
  if (to - from > NDJSON_MAX_LINE_BYTES) {
    out.lineNo.push(line);
    out.items.push(tooLong(line));
    return;
  }
  const text = body.slice(from, to).trim();
  if (text === '') return;
  out.lineNo.push(line);
  try {
    out.items.push(JSON.parse(text));
  } catch (e) {
    out.items.push(new UnparsableLine(`line ${line + 1} is not valid JSON: ${(e as Error).message}`));
  }
}

/**
 * The lines of a text as slices of at most `maxLines` lines and about `maxChars` characters (a
 * slice always ends at a line end). Line numbers count every line, blank ones included, from
 * `firstLine`.
 */
export function* ndjsonSlices(body: string, maxLines = NDJSON_SLICE_LINES, maxChars = NDJSON_SLICE_CHARS, firstLine = 0): Generator<NdjsonSlice> {
  let pos = 0;
  let line = firstLine;
  while (pos < body.length) {
    const slice: NdjsonSlice = { items: [], lineNo: [] };
    const start = pos;
    for (let n = 0; n < maxLines && pos < body.length && pos - start < maxChars; n++, line++) {
      let end = body.indexOf('\n', pos);
      if (end === -1) end = body.length;
      parseLine(body, pos, end, line, slice);
      pos = end + 1;
    }
    yield slice;
  }
}

/** Every line of the body, as slices (decoding a block of whole lines at a time). */
export function* bodySlices(body: NdjsonBody | string, maxLines = NDJSON_SLICE_LINES, maxChars = NDJSON_SLICE_CHARS): Generator<NdjsonSlice> {
  for (const block of textBlocks(typeof body === 'string' ? NdjsonBody.of(body) : body)) {
    if ('longLine' in block) yield { items: [tooLong(block.longLine)], lineNo: [block.longLine] };
    else yield* ndjsonSlices(block.text, maxLines, maxChars, block.firstLine);
  }
}

/**
 * The results of a whole body, gathered slice by slice. Only the lines not accepted are kept unless
 * every result is asked for; identical error lists share one array, so a body of a million
 * identical bad lines holds one list, not a million.
 */
class ResultLog {
  readonly res: IngestResponse = { accepted: 0, duplicates: 0, rejected: 0, results: [] };
  private readonly shared = new Map<string, ItemError[]>();

  constructor(private readonly all: boolean) {}

  add(part: IngestResponse, lineNo: readonly number[]): void {
    this.res.accepted += part.accepted;
    this.res.duplicates += part.duplicates;
    this.res.rejected += part.rejected;
    for (const r of part.results) {
      if (!this.all && r.status === 'accepted') continue;
      r.index = lineNo[r.index]!;
      if (r.errors) r.errors = this.intern(r.errors);
      this.res.results.push(r);
    }
  }

  private intern(errors: ItemError[]): ItemError[] {
    let key = '';
    for (const e of errors) key += `${e.field}\u0000${e.reason}\u0000${e.message}\u0001`;
    const known = this.shared.get(key);
    if (known) return known;
    if (this.shared.size < 10_000) this.shared.set(key, errors);
    return errors;
  }
}

export type NdjsonOutcome = { kind: 'done'; res: IngestResponse } | { kind: 'empty' } | { kind: 'too_many_lines' };

/**
 * Slices a feed whose checks read no state (observations) hands to `ingest` before the first of them
 * has its results: the next slices are parsed and checked while the writer commits the previous ones
 * and the disk flushes them (the group commit gathers them into its next transaction), instead of
 * the parse waiting for every flush. Bounds what one request holds in memory beyond its body to this
 * many slices of items. A feed whose check reads what earlier items changed (PAKN events: the case's
 * facts; ratings: the dossier as stored) keeps one slice at a time, so each slice is checked against
 * the ones before it.
 */
export const NDJSON_SLICES_IN_FLIGHT = 4;

/**
 * Ingests an NDJSON body slice by slice: each slice is checked and stored by `ingest` (its items are
 * acknowledged only once their commit is durable), then the event loop gets a turn. Up to
 * `inFlight` slices (default 1) are in the writer at once; results are gathered in line order, and
 * nothing is answered before every slice's commit is durable. When one slice fails, the slices
 * already handed over are waited for (their items may be stored: a retry finds them as duplicates)
 * and the failure is thrown. Results carry 0-based line numbers; accepted lines are listed only when `all`.
 */
export async function ingestNdjson(
  body: NdjsonBody | string,
  source: string,
  /** `listAccepted`: whether the accepted items need a result (only with `all`); an ingest may list them anyway. */
  ingest: (items: unknown[], source: string, listAccepted: boolean) => Promise<IngestResponse>,
  opts: { all: boolean; inFlight?: number },
): Promise<NdjsonOutcome> {
  const b = typeof body === 'string' ? NdjsonBody.of(body) : body;
  if (hasMoreLinesThan(b, NDJSON_MAX_LINES)) return { kind: 'too_many_lines' };
  const log = new ResultLog(opts.all);
  const pending: { res: Promise<IngestResponse>; lineNo: number[] }[] = [];
  const settleOldest = async () => {
    const { res, lineNo } = pending.shift()!;
    log.add(await res, lineNo);
  };
  let items = 0;
  try {
    for (const slice of bodySlices(b)) {
      if (slice.items.length > 0) {
        items += slice.items.length;
        const res = ingest(slice.items, source, opts.all);
        // the slice (held by the slicing generators until their next step) keeps no parsed line while its commit is flushed
        slice.items = [];
        // observed in order by settleOldest; this keeps a failure while an older slice is awaited from being unhandled
        res.catch(() => undefined);
        pending.push({ res, lineNo: slice.lineNo });
        if (pending.length >= (opts.inFlight ?? 1)) await settleOldest();
      }
      await nextTurn();
    }
    while (pending.length > 0) await settleOldest();
  } catch (e) {
    await Promise.allSettled(pending.map((f) => f.res));
    throw e;
  }
  return items === 0 ? { kind: 'empty' } : { kind: 'done', res: log.res };
}

/** Results serialized per step of this many, the event loop served between two steps. */
const RESULTS_PER_STEP = 1_000;

/** The JSON of an ingest response, written a step at a time (for answers too large to serialize in one go). */
export async function* ingestResponseJson(res: IngestResponse): AsyncGenerator<string> {
  yield `{"accepted":${res.accepted},"duplicates":${res.duplicates},"rejected":${res.rejected},"results":[`;
  for (let i = 0; i < res.results.length; i += RESULTS_PER_STEP) {
    const part = res.results.slice(i, i + RESULTS_PER_STEP).map(resultJson);
    yield (i === 0 ? '' : ',') + part.join(',');
    await nextTurn();
  }
  yield ']}';
}

/** One result with exactly the fields of ItemResultSchema, as the response serializer would write it. */
function resultJson(r: ItemResult): string {
  const o: ItemResult = { index: r.index, id: r.id, status: r.status };
  if (r.seq !== undefined) o.seq = r.seq;
  if (r.errors) o.errors = r.errors.map((e) => ({ field: e.field, reason: e.reason, message: e.message }));
  return JSON.stringify(o);
}
