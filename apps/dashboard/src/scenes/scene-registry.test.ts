import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_PLAYLIST } from '@cityioc/domain';
import { sceneIdOf, sceneLayout, SCENES, scenesOf, type SceneDef } from './scene-registry.ts';

describe('scene registry', () => {
  it('has stable ids, the old admin id as an alias', () => {
    expect(SCENES.map((s) => s.id)).toEqual(['overview', 'procedures', 'score766', 'reporting']);
    expect(sceneIdOf('score766')).toBe('score766');
    expect(sceneIdOf('admin')).toBe('procedures');
    expect(sceneIdOf('reporting')).toBe('reporting');
    expect(sceneIdOf('<script>')).toBeUndefined();
    expect(sceneIdOf('toString')).toBeUndefined();
    expect(sceneIdOf(undefined)).toBeUndefined();
    // a scene left out of the playlist is not a scene of that wall
    expect(sceneIdOf('reporting', SCENES.slice(0, 2))).toBeUndefined();
  });

  it('takes the enabled scenes of a playlist, in its order, with their names', () => {
    const [overview, procedures, score766, reporting] = DEFAULT_WALL_PLAYLIST.scenes;
    const scenes = scenesOf([reporting!, { ...procedures!, enabled: false }, { ...overview!, dwellSeconds: 20 }, score766!]);
    expect(scenes.map((s) => [s.id, s.dwellSeconds, s.title, s.subtitle])).toEqual([
      ['reporting', 45, 'scene.reporting', 'reporting.subtitle'],
      ['overview', 20, 'scene.overview', undefined],
      ['score766', 45, 'scene.score766', 'admin.subtitle'],
    ]);
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
});
