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

  it('a group goes in a request of its own, whole up to the endpoint’s limit; single items stop before it', () => {
    const groups = new WeakMap<{ id: string }, number>();
    const a = items(3, 'a');
    const b = items(4, 'b');
    const c = items(12, 'c');
    for (const g of [a, b, c]) groups.set(g[0]!, g.length);
    const outbox = [...items(2, 's'), ...a, ...b, ...c, ...items(2, 't')];
    expect(batchLength(outbox, 5, 10, groups)).toBe(2);
    expect(batchLength(outbox.slice(2), 5, 10, groups)).toBe(3);
    expect(batchLength(outbox.slice(5), 5, 10, groups)).toBe(4);
    // longer than a batch: alone all the same; longer than the endpoint takes: cut there, the rest as single items
    expect(batchLength(outbox.slice(9), 5, 10, groups)).toBe(10);
    expect(batchLength(outbox.slice(19), 5, 10, groups)).toBe(4);
  });
});
