import { describe, expect, it } from 'vitest';
import { batchLength } from './lane.ts';

const items = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}` }));

describe('batchLength: what the next request carries', () => {
  it('single items: up to the batch size', () => {
    const groups = new WeakMap<{ id: string }, number>();
    expect(batchLength(items(12, 'x'), 5, 10, groups)).toBe(5);
    expect(batchLength(items(3, 'x'), 5, 10, groups)).toBe(3);
    expect(batchLength([], 5, 10, groups)).toBe(0);
  });

  it('never cuts a group: it waits for the next request, or goes alone when longer than the batch, up to the endpoint’s limit', () => {
    const groups = new WeakMap<{ id: string }, number>();
    const a = items(3, 'a');
    const b = items(4, 'b');
    const c = items(12, 'c');
    for (const g of [a, b, c]) groups.set(g[0]!, g.length);
    const outbox = [items(1, 's')[0]!, ...a, ...b, ...c, ...items(2, 't')];
    // one single and group a (4); group b would pass 5
    expect(batchLength(outbox, 5, 10, groups)).toBe(4);
    expect(batchLength(outbox.slice(4), 5, 10, groups)).toBe(4);
    // group c is longer than a batch: alone, cut at the endpoint's limit (10); the rest are single items
    expect(batchLength(outbox.slice(8), 5, 10, groups)).toBe(10);
    expect(batchLength(outbox.slice(18), 5, 10, groups)).toBe(4);
  });
});
