import { describe, expect, it } from 'vitest';
import { insertSorted } from './insert-sorted.ts';

describe('insertSorted', () => {
  const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;

  it.each([
    { at: 0, expected: ['new', 'a', 'b1', 'b2', 'c'] },
    { at: 2, expected: ['a', 'b1', 'b2', 'new', 'c'] },
    { at: 9, expected: ['a', 'b1', 'b2', 'c', 'new'] },
  ])('puts an item at $at after the items that sort at or before it', ({ at, expected }) => {
    const items = [
      { id: 'a', at: 1 },
      { id: 'b1', at: 2 },
      { id: 'b2', at: 2 },
      { id: 'c', at: 3 },
    ];
    const out = insertSorted(items, { id: 'new', at }, byAt);
    expect(out.map((i) => i.id)).toEqual(expected);
    expect(items.map((i) => i.id)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('inserts into an empty list', () => {
    expect(insertSorted([], { at: 5 }, byAt)).toEqual([{ at: 5 }]);
  });
});
