import { describe, expect, it } from 'vitest';
import { anchoredBox, overlaps, placeLabels, type LabelBox } from './label-placement.ts';

const box = (id: string, x: number, y: number, priority: number, w = 40, h = 20): LabelBox => ({ id, x, y, w, h, priority });

describe('placeLabels', () => {
  it('shows the more important of two colliding labels and both of two apart', () => {
    const shown = placeLabels([box('a', 10, 10, 1), box('b', 30, 15, 2), box('c', 200, 10, 0)], { width: 400, height: 300 });
    expect([...shown].sort()).toEqual(['b', 'c']);
  });

  it('never leaves two shown labels overlapping, whatever the input (a hundred units on a wall)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const boxes = Array.from({ length: 103 }, (_, i) => box(`u${i}`, rnd() * 900, rnd() * 800, rnd(), 60 + rnd() * 60, 34));
    const shown = boxes.filter((b) => placeLabels(boxes, { width: 1000, height: 900, gap: 3 }).has(b.id));
    expect(shown.length).toBeGreaterThan(20);
    for (const a of shown) for (const b of shown) if (a !== b) expect(overlaps(a, b, 3), `${a.id} × ${b.id}`).toBe(false);
  });

  it('keeps labels inside the view and out of blocked areas (legend, rankings)', () => {
    const shown = placeLabels([box('edge', 380, 10, 9), box('under', 50, 250, 9), box('ok', 100, 100, 1)], {
      width: 400,
      height: 300,
      blocked: [{ x: 0, y: 240, w: 200, h: 60 }],
    });
    expect([...shown]).toEqual(['ok']);
  });

  it('is stable: equal priorities go by id', () => {
    const a = placeLabels([box('b', 0, 0, 1), box('a', 10, 0, 1)], { width: 100, height: 100 });
    expect([...a]).toEqual(['a']);
  });

  it('skips labels without a size (not laid out yet)', () => {
    expect(placeLabels([box('z', 0, 0, 1, 0, 0)], { width: 100, height: 100 }).size).toBe(0);
  });
});

describe('anchoredBox', () => {
  it('centres a label on its point, or starts it at the point plus the offset (left anchor)', () => {
    expect(anchoredBox(100, 50, 40, 20, 'center', [0, 0])).toEqual({ x: 80, y: 40, w: 40, h: 20 });
    expect(anchoredBox(100, 50, 40, 20, 'left', [15, 0])).toEqual({ x: 115, y: 40, w: 40, h: 20 });
  });
});
