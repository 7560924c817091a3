/**
 * A copy of `items` (sorted by `compare`) with `item` inserted after every item that sorts at or
 * before it: equal items keep their arrival order. O(log n) comparisons; the input is not changed.
 */
export function insertSorted<T>(items: readonly T[], item: T, compare: (a: T, b: T) => number): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(items[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...items.slice(0, lo), item, ...items.slice(lo)];
}
