import { describe, expect, it } from 'vitest';
import type { IngestResponse, ItemResult } from '@cityioc/contracts';
import { parseNdjson } from './feed-route.ts';
import { UnparsableLine } from './ingest.service.ts';
import { NDJSON_MAX_LINE_BYTES } from './ndjson-body.ts';
import { bodySlices, ingestNdjson, ingestResponseJson, NDJSON_MAX_LINES, NDJSON_SLICE_LINES, NDJSON_SLICES_IN_FLIGHT, ndjsonSlices } from './ndjson-slices.ts';
import { waitUntil } from '../../../../test-support/wait.ts';

const line = (n: number) => JSON.stringify({ id: `x${n}`, value: n });

/** A stand-in for the feed's checked ingest: items without an id are rejected, the others accepted. */
function fakeIngest(calls: number[]) {
  let seq = 0;
  return async (items: unknown[]): Promise<IngestResponse> => {
    calls.push(items.length);
    const results: ItemResult[] = items.map((it, index) => {
      const id = (it as { id?: string }).id;
      if (it instanceof UnparsableLine || !id)
        return {
          index,
          id: null,
          status: 'rejected',
          errors: [{ field: '/id', reason: it instanceof UnparsableLine ? it.reason : 'required', message: 'no id' }],
        };
      return { index, id, status: 'accepted', seq: ++seq };
    });
    const rejected = results.filter((r) => r.status === 'rejected').length;
    return { accepted: results.length - rejected, duplicates: 0, rejected, results };
  };
}

describe('ndjsonSlices', () => {
  it('cuts at line ends by line count and by size, numbering every line (blank ones too) from 0', () => {
    const body = [line(0), '', line(2), '  ', line(4), `${line(5)}\r`, '{oops', line(7)].join('\n');
    const slices = [...ndjsonSlices(body, 3, Infinity)];
    expect(slices.map((s) => s.lineNo)).toEqual([
      [0, 2],
      [4, 5],
      [6, 7],
    ]);
    expect(slices.flatMap((s) => s.items).slice(0, 4)).toEqual([
      { id: 'x0', value: 0 },
      { id: 'x2', value: 2 },
      { id: 'x4', value: 4 },
      { id: 'x5', value: 5 },
    ]);
    const bad = slices[2]!.items[0] as UnparsableLine;
    expect(bad).toBeInstanceOf(UnparsableLine);
    expect([bad.reason, bad.message.startsWith('line 7 is not valid JSON')]).toEqual(['invalid_json', true]);
    // by size: a slice ends at the first line end past 10 characters (blank and short lines join the next line)
    expect([...ndjsonSlices(body, 100, 10)].map((s) => s.lineNo)).toEqual([[0], [2], [4], [5], [6, 7]]);
    // parseNdjson (the benchmark's ceiling) sees the same items in one slice
    expect(parseNdjson(body)).toEqual({ items: slices.flatMap((s) => s.items), lineNo: slices.flatMap((s) => s.lineNo) });
  });

  it('numbers lines from where the block starts, and rejects a line longer than the limit without parsing it', () => {
    expect([...ndjsonSlices(`${line(0)}\n\n${line(2)}`, 10, Infinity, 40)].map((s) => s.lineNo)).toEqual([[40, 42]]);
    const long = `{"id":"big","pad":"${'a'.repeat(NDJSON_MAX_LINE_BYTES)}"}`;
    const slices = [...bodySlices([line(0), long, line(2)].join('\n'))];
    expect(slices.flatMap((s) => s.lineNo)).toEqual([0, 1, 2]);
    expect(slices.flatMap((s) => s.items)[1]).toEqual(new UnparsableLine(`line 2 is longer than ${NDJSON_MAX_LINE_BYTES} bytes`, 'line_too_long'));
  });
});

describe('ingestNdjson', () => {
  it('ingests slice by slice, serving the event loop between two slices, with results by line number', async () => {
    const lines = Array.from({ length: 2 * NDJSON_SLICE_LINES + 10 }, (_, i) => (i === 1 || i === NDJSON_SLICE_LINES + 5 ? '{}' : line(i)));
    const calls: number[] = [];
    const ingest = fakeIngest(calls);
    const served: number[] = [];
    // other clients' work queued before the upload starts must run before its second slice
    setImmediate(() => served.push(calls.length));
    const out = await ingestNdjson(lines.join('\n'), 'src', ingest, { all: false });
    expect(calls).toEqual([NDJSON_SLICE_LINES, NDJSON_SLICE_LINES, 10]);
    expect(served).toEqual([1]);
    expect(out).toEqual({
      kind: 'done',
      res: {
        accepted: lines.length - 2,
        duplicates: 0,
        rejected: 2,
        results: [1, NDJSON_SLICE_LINES + 5].map((index) => ({
          index,
          id: null,
          status: 'rejected',
          errors: [{ field: '/id', reason: 'required', message: 'no id' }],
        })),
      },
    });
    // identical error lists share one array
    const res = (out as { res: IngestResponse }).res;
    expect(res.results[0]!.errors).toBe(res.results[1]!.errors);
  });

  it('hands the next slices to the writer while earlier ones commit, at most NDJSON_SLICES_IN_FLIGHT at once, results in line order', async () => {
    const slices = NDJSON_SLICES_IN_FLIGHT + 2;
    const lines = Array.from({ length: slices * NDJSON_SLICE_LINES }, (_, i) => line(i));
    const commits: { first: number; done: (r: IngestResponse) => void }[] = [];
    let outstanding = 0;
    let most = 0;
    const ingest = (items: unknown[]) =>
      new Promise<IngestResponse>((done) => {
        outstanding++;
        most = Math.max(most, outstanding);
        commits.push({ first: Number((items[0] as { id: string }).id.slice(1)), done });
      }).finally(() => outstanding--);
    const result = (first: number): IngestResponse => ({
      accepted: NDJSON_SLICE_LINES - 1,
      duplicates: 1,
      rejected: 0,
      results: [{ index: 0, id: `x${first}`, status: 'duplicate' }],
    });
    const out = ingestNdjson(lines.join('\n'), 'src', ingest, { all: false, inFlight: NDJSON_SLICES_IN_FLIGHT });
    await waitUntil('the first slices handed to the writer', () => commits.length === NDJSON_SLICES_IN_FLIGHT);
    // while the writer holds them all, further turns of the event loop parse no further slice
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(commits.length).toBe(NDJSON_SLICES_IN_FLIGHT);
    // the writer answers out of order: results still come in line order
    commits[1]!.done(result(commits[1]!.first));
    commits[0]!.done(result(commits[0]!.first));
    await waitUntil('every slice handed to the writer', () => commits.length === slices);
    for (const c of commits.slice(2)) c.done(result(c.first));
    const res = await out;
    expect(most).toBe(NDJSON_SLICES_IN_FLIGHT);
    expect(res.kind === 'done' && res.res.results.map((r) => r.index)).toEqual(Array.from({ length: slices }, (_, k) => k * NDJSON_SLICE_LINES));
    expect(res.kind === 'done' && [res.res.accepted, res.res.duplicates]).toEqual([slices * (NDJSON_SLICE_LINES - 1), slices]);
  });

  it('keeps one slice at a time by default (a feed whose checks read what the previous slice stored)', async () => {
    const lines = Array.from({ length: 2 * NDJSON_SLICE_LINES }, (_, i) => line(i));
    const pending: (() => void)[] = [];
    const ingest = (items: unknown[]) =>
      new Promise<IngestResponse>((resolve) => pending.push(() => resolve({ accepted: items.length, duplicates: 0, rejected: 0, results: [] })));
    const out = ingestNdjson(lines.join('\n'), 'src', ingest, { all: false });
    await waitUntil('the first slice handed to the writer', () => pending.length === 1);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(pending.length).toBe(1);
    pending[0]!();
    await waitUntil('the second slice handed to the writer', () => pending.length === 2);
    pending[1]!();
    expect(await out).toEqual({ kind: 'done', res: { accepted: lines.length, duplicates: 0, rejected: 0, results: [] } });
  });

  it('fails with the failed slice only once every slice handed over has settled', async () => {
    const lines = Array.from({ length: 3 * NDJSON_SLICE_LINES }, (_, i) => line(i));
    const pending: { ok: () => void; fail: (e: Error) => void }[] = [];
    const ingest = (items: unknown[]) =>
      new Promise<IngestResponse>((resolve, reject) =>
        pending.push({ ok: () => resolve({ accepted: items.length, duplicates: 0, rejected: 0, results: [] }), fail: reject }),
      );
    let failed: unknown = null;
    const out = ingestNdjson(lines.join('\n'), 'src', ingest, { all: false, inFlight: NDJSON_SLICES_IN_FLIGHT }).catch((e: unknown) => (failed = e));
    await waitUntil('three slices handed to the writer', () => pending.length === 3);
    pending[1]!.fail(new Error('store unavailable'));
    pending[0]!.ok();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    // slice 2 may still be committing: the request is not answered before it settles
    expect(failed).toBeNull();
    pending[2]!.ok();
    await out;
    expect((failed as Error).message).toBe('store unavailable');
  });

  it('lists every line with all, answers empty for blank bodies and refuses too many lines before ingesting any', async () => {
    const calls: number[] = [];
    const out = await ingestNdjson(`${line(0)}\n\n${line(2)}`, 'src', fakeIngest(calls), { all: true });
    expect(out.kind === 'done' && out.res.results.map((r) => [r.index, r.status, r.seq])).toEqual([
      [0, 'accepted', 1],
      [2, 'accepted', 2],
    ]);
    expect(await ingestNdjson('\n \n\r\n', 'src', fakeIngest(calls), { all: false })).toEqual({ kind: 'empty' });
    calls.length = 0;
    expect(await ingestNdjson(`${line(0)}\n`.repeat(NDJSON_MAX_LINES + 1), 'src', fakeIngest(calls), { all: false })).toEqual({ kind: 'too_many_lines' });
    expect(calls).toEqual([]);
  });
});

describe('ingestResponseJson', () => {
  it('writes the same JSON as the response schema, a step at a time', async () => {
    const results: ItemResult[] = Array.from({ length: 2_500 }, (_, i) =>
      i % 2
        ? { index: i, id: `x${i}`, status: 'accepted', seq: i }
        : ({
            index: i,
            id: null,
            status: 'rejected',
            errors: [{ field: '', reason: 'invalid_json', message: 'm', extra: 1 }],
            extra: true,
          } as unknown as ItemResult),
    );
    const res = { accepted: 1_250, duplicates: 0, rejected: 1_250, results };
    let json = '';
    let steps = 0;
    for await (const part of ingestResponseJson(res)) {
      json += part;
      steps++;
    }
    expect(steps).toBeGreaterThan(3);
    const parsed = JSON.parse(json) as IngestResponse;
    expect(parsed.results).toHaveLength(2_500);
    expect(parsed.results[0]).toEqual({ index: 0, id: null, status: 'rejected', errors: [{ field: '', reason: 'invalid_json', message: 'm' }] });
    expect(parsed.results[1]).toEqual({ index: 1, id: 'x1', status: 'accepted', seq: 1 });
    expect({ ...parsed, results: [] }).toEqual({ accepted: 1_250, duplicates: 0, rejected: 1_250, results: [] });
  });
});
