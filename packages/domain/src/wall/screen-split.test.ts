import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_PLAYLIST } from './playlist.ts';
import { screenPart, wallScreenOf } from './screen-split.ts';

const [overview, procedures, , reporting] = DEFAULT_WALL_PLAYLIST.scenes;
const panels = (screen: number, of: number, scene = overview!) => screenPart(scene, screen, of).columns.map((c) => c.panels.map((p) => p.panel));

describe('screenPart', () => {
  it('one screen shows the whole scene', () => {
    expect(screenPart(overview!, 1, 1)).toEqual({ head: 'alert-ticker', columns: overview!.columns });
  });

  it('two screens side by side share the columns in order, each with the title bar', () => {
    expect(panels(1, 2)).toEqual([['map', 'feed-health']]);
    expect(panels(2, 2)).toEqual([['kpi-tiles', 'water-level', 'air-quality']]);
    expect(screenPart(overview!, 2, 2).head).toBe('alert-ticker');
    // three columns on two screens: the first screen one column, the second two
    expect(panels(1, 2, reporting)).toEqual([['reporting-targets']]);
    expect(panels(2, 2, reporting)).toEqual([['reporting-rank-departments', 'reporting-rank-districts'], ['reporting-late']]);
  });

  it('more screens than columns: the panels of a column are split top to bottom, the fuller column first', () => {
    // procedures: 3 panels | 2 panels on 4 screens → 2 + 2 screens
    expect([1, 2, 3, 4].map((i) => panels(i, 4, procedures))).toEqual([
      [['procedures-counts']],
      [['procedures-rates', 'score766']],
      [['procedures-rank-districts']],
      [['procedures-rank-agencies']],
    ]);
  });

  it('every panel shows on exactly one screen, in order, whatever the number of screens', () => {
    for (const scene of DEFAULT_WALL_PLAYLIST.scenes) {
      const all = scene.columns.flatMap((c) => c.panels.map((p) => p.panel));
      for (let of = 1; of <= 12; of++) {
        const shown = Array.from({ length: of }, (_, k) => panels(k + 1, of, scene).flat()).flat();
        expect(shown).toEqual(all);
      }
    }
  });

  it('screens beyond the panels show the title bar only (12 screens, 5 panels)', () => {
    expect(panels(5, 12)).toEqual([['air-quality']]);
    expect(screenPart(overview!, 6, 12)).toEqual({ head: 'alert-ticker', columns: [] });
  });
});

describe('wallScreenOf', () => {
  it('takes a valid 1-based pair, else the whole wall on one screen', () => {
    expect(wallScreenOf(3, 12)).toEqual({ screen: 3, of: 12 });
    expect(wallScreenOf(13, 12)).toEqual({ screen: 1, of: 1 });
    expect(wallScreenOf(0, 2)).toEqual({ screen: 1, of: 1 });
    expect(wallScreenOf(2, undefined)).toEqual({ screen: 1, of: 1 });
    // the router drops screen=1 (its default) from the URL: ?of=2 is screen 1 of 2
    expect(wallScreenOf(undefined, 2)).toEqual({ screen: 1, of: 2 });
    expect(wallScreenOf(1, 65)).toEqual({ screen: 1, of: 1 });
  });
});
