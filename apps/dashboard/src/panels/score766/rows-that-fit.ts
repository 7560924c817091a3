import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Pure: how many of a list's rows to show in its box: every row when all fit (their bottoms at or above the box's),
 * else the rows that fit less one, which leaves room for the line that counts the others ("+3 chỉ số khác").
 */
export function rowsThatFit(boxBottom: number, rowBottoms: readonly number[]): number {
  const fit = rowBottoms.filter((b) => b <= boxBottom + 0.5).length;
  return fit === rowBottoms.length ? fit : Math.max(0, fit - 1);
}

/**
 * How many of `count` rows the list (`ref`, a box whose height its container gives, not its rows) shows: all of them
 * first, then as many as fit, measured before the browser paints; measured again when the box changes size or the
 * rows change (`key`). null until measured: show them all.
 */
export function useRowsThatFit(ref: RefObject<HTMLElement | null>, count: number, key: unknown): number | null {
  const [limit, setLimit] = useState<{ key: unknown; count: number; size: string; n: number } | null>(null);
  const [size, setSize] = useState('');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize(`${el.clientWidth}×${el.clientHeight}`));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  const current = limit && limit.key === key && limit.count === count && limit.size === size ? limit.n : null;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || current !== null) return;
    const box = el.getBoundingClientRect();
    const rows = Array.from(el.children).map((c) => c.getBoundingClientRect().bottom);
    setLimit({ key, count, size, n: rowsThatFit(box.top + el.clientHeight, rows) });
  }, [ref, key, count, size, current]);
  return current;
}
