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
 * first, then as many as fit, measured before the browser paints; measured again when the rows change (`key`, `count`)
 * or the box changes size (a resize drops the measure). null until measured: show them all.
 */
export function useRowsThatFit(ref: RefObject<HTMLElement | null>, count: number, key: unknown): number | null {
  const [measured, setMeasured] = useState<{ key: unknown; count: number; n: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // the size the rows were last measured for is the observer's alone: a new one drops the measure
    let size = '';
    const ro = new ResizeObserver(() => {
      const now = `${el.clientWidth}×${el.clientHeight}`;
      if (now === size) return;
      size = now;
      setMeasured(null);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  const current = measured && measured.key === key && measured.count === count ? measured.n : null;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || current !== null) return;
    const box = el.getBoundingClientRect();
    const rows = Array.from(el.children).map((c) => c.getBoundingClientRect().bottom);
    setMeasured({ key, count, n: rowsThatFit(box.top + el.clientHeight, rows) });
  }, [ref, key, count, current]);
  return current;
}
