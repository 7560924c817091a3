import { describe, expect, it } from 'vitest';
import { ingestChecked, UnparsableLine, type ItemCheck, type ItemSink } from './ingest.service.ts';

interface Item {
  id: string;
}

/** Items with an id are valid; the sink numbers new ids and answers null for one it has seen. */
const check = (item: unknown): ItemCheck<Item> => {
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' ? { ok: true, id, value: { id } } : { ok: false, id: null, errors: [{ field: '/id', reason: 'required', message: 'no id' }] };
};
function sink(): ItemSink<Item> {
  const seen = new Set<string>();
  let seq = 0;
  return { append: async (batch) => batch.map((i) => (seen.has(i.id) ? null : (seen.add(i.id), ++seq))) };
}

describe('ingestChecked', () => {
  const items = [{ id: 'a' }, {}, { id: 'b' }, { id: 'a' }, new UnparsableLine('line 5 is not valid JSON: x'), { id: 'c' }];

  it('gives every item its result by default', async () => {
    const res = await ingestChecked(items, check, sink());
    expect(res).toEqual({
      accepted: 3,
      duplicates: 1,
      rejected: 2,
      results: [
        { index: 0, id: 'a', status: 'accepted', seq: 1 },
        { index: 1, id: null, status: 'rejected', errors: [{ field: '/id', reason: 'required', message: 'no id' }] },
        { index: 2, id: 'b', status: 'accepted', seq: 2 },
        { index: 3, id: 'a', status: 'duplicate' },
        { index: 4, id: null, status: 'rejected', errors: [{ field: '', reason: 'invalid_json', message: 'line 5 is not valid JSON: x' }] },
        { index: 5, id: 'c', status: 'accepted', seq: 3 },
      ],
    });
  });

  it('without listAccepted (an NDJSON answer of the lines not accepted), counts the accepted items and lists only the others, in item order', async () => {
    const all = await ingestChecked(items, check, sink());
    const res = await ingestChecked(items, check, sink(), false);
    expect(res).toEqual({ ...all, results: all.results.filter((r) => r.status !== 'accepted') });
    expect(res.results.map((r) => r.index)).toEqual([1, 3, 4]);
  });
});
