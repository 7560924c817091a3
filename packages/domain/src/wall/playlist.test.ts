import { describe, expect, it } from 'vitest';
import type { WallScene } from '@cityioc/contracts';
import { DEFAULT_SCENE_SECONDS, DEFAULT_WALL_PLAYLIST, playlistProblems, WALL_SCENE_IDS, wallSceneIdOf } from './playlist.ts';

const scene = (over: Partial<WallScene> = {}): WallScene => ({
  id: 'overview',
  enabled: true,
  dwellSeconds: 30,
  head: 'alert-ticker',
  gap: 0.75,
  columns: [{ width: 1, panels: [{ panel: 'map' }, { panel: 'kpi-tiles', size: 'auto' }] }],
  ...over,
});

describe('playlistProblems', () => {
  it('accepts the built-in default', () => {
    expect(playlistProblems(DEFAULT_WALL_PLAYLIST)).toEqual([]);
  });

  it('the built-in default (default-playlist.json) shows every scene in order, enabled, DEFAULT_SCENE_SECONDS each', () => {
    expect(DEFAULT_WALL_PLAYLIST.scenes.map((s) => [s.id, s.enabled, s.dwellSeconds])).toEqual(WALL_SCENE_IDS.map((id) => [id, true, DEFAULT_SCENE_SECONDS]));
  });

  it('refuses an empty playlist, and one without an enabled scene', () => {
    expect(playlistProblems({ scenes: [] })).toEqual([
      { item: null, field: '/scenes', reason: 'empty_playlist', message: 'a playlist needs at least one scene' },
    ]);
    expect(playlistProblems({ scenes: [scene({ enabled: false })] }).map((p) => p.reason)).toEqual(['no_enabled_scene']);
  });

  it('names the scene, the field and the reason of each problem', () => {
    const problems = playlistProblems({
      scenes: [
        scene(),
        scene({ id: 'traffic' }),
        scene({ id: 'overview', dwellSeconds: 9 }),
        scene({ id: 'reporting', dwellSeconds: 3601, head: 'map', columns: [{ width: 1, panels: [{ panel: 'map' }, { panel: 'camera-wall' }] }] }),
      ],
    });
    expect(problems.map(({ item, field, reason }) => ({ item, field, reason }))).toEqual([
      { item: 1, field: '/scenes/1/id', reason: 'unknown_scene' },
      { item: 2, field: '/scenes/2/id', reason: 'duplicate_scene' },
      { item: 2, field: '/scenes/2/dwellSeconds', reason: 'dwell_out_of_range' },
      { item: 3, field: '/scenes/3/dwellSeconds', reason: 'dwell_out_of_range' },
      { item: 3, field: '/scenes/3/columns/0/panels/0/panel', reason: 'duplicate_panel' },
      { item: 3, field: '/scenes/3/columns/0/panels/1/panel', reason: 'unknown_panel' },
    ]);
    expect(problems[5]!.message).toBe("panel 'camera-wall' is not in the panel registry");
  });

  it('keeps the dwell bounds inclusive: 10 s and 3600 s are accepted, 10.5 s is not', () => {
    expect(playlistProblems({ scenes: [scene({ dwellSeconds: 10 }), scene({ id: 'reporting', dwellSeconds: 3600, head: null })] })).toEqual([]);
    expect(playlistProblems({ scenes: [scene({ dwellSeconds: 10.5 })] }).map((p) => p.reason)).toEqual(['dwell_out_of_range']);
  });

  it('reads stable ids and the old alias, and nothing else', () => {
    expect(wallSceneIdOf('admin')).toBe('procedures');
    expect(wallSceneIdOf('score766')).toBe('score766');
    expect(wallSceneIdOf('toString')).toBeUndefined();
    expect(wallSceneIdOf(undefined)).toBeUndefined();
  });
});
