import { describe, expect, it } from 'vitest';
import { sceneIdOf, sceneLayout, sceneProblems, SCENES, type SceneDef } from './scene-registry.ts';

const known = new Set(SCENES.flatMap((s) => [...(s.head ? [s.head] : []), ...s.columns.flatMap((c) => c.panels.map((p) => p.panel))]));

describe('scene registry', () => {
  it('has stable ids, the old admin id as an alias', () => {
    expect(SCENES.map((s) => s.id)).toEqual(['overview', 'procedures', 'score766', 'reporting']);
    expect(sceneIdOf('score766')).toBe('score766');
    expect(sceneIdOf('admin')).toBe('procedures');
    expect(sceneIdOf('reporting')).toBe('reporting');
    expect(sceneIdOf('<script>')).toBeUndefined();
    expect(sceneIdOf('toString')).toBeUndefined();
    expect(sceneIdOf(undefined)).toBeUndefined();
  });

  it('lays a scene out as a CSS grid: columns by width, panels by size', () => {
    const overview = SCENES[0]!;
    const layout = sceneLayout(overview, (p) => (p === 'kpi-tiles' || p === 'map' ? 'fill' : 'auto'));
    // the scene's own sizes win over the panels' defaults: the tiles take their content's height, the water chart the rest
    expect(layout).toEqual({
      head: 'alert-ticker',
      columns: 'minmax(0, 50fr) minmax(0, 50fr)',
      gap: '0.75rem',
      stacks: [
        { rows: 'minmax(0, 1fr) auto', panels: ['map', 'feed-health'] },
        { rows: 'auto minmax(0, 1fr) auto', panels: ['kpi-tiles', 'water-level', 'air-quality'] },
      ],
    });
    const weighted: SceneDef = { ...overview, head: 'x', columns: [{ width: 1, panels: [{ panel: 'a', size: 2 }, { panel: 'b' }] }] };
    expect(sceneLayout(weighted, () => 'fill')).toMatchObject({ head: 'x', columns: 'minmax(0, 1fr)', stacks: [{ rows: 'minmax(0, 2fr) minmax(0, 1fr)' }] });
  });

  it('finds what is wrong with an edited playlist', () => {
    expect(sceneProblems(SCENES, known)).toEqual([]);
    const bad: SceneDef[] = [
      { ...SCENES[0]!, dwellSeconds: 1, columns: [{ width: 0, panels: [{ panel: 'map' }, { panel: 'map', size: -1 }, { panel: 'nope' }] }] },
      { ...SCENES[0]! },
    ];
    expect(sceneProblems(bad, known)).toEqual([
      'overview: dwellSeconds must be 5–3600',
      "overview: panel 'map' appears twice",
      "overview: unknown panel 'nope'",
      'overview: a column width must be positive',
      "overview: panel 'map' has a size ≤ 0",
      'overview: the scene appears twice',
    ]);
    expect(sceneProblems([], known)).toEqual(['no scene']);
  });
});
