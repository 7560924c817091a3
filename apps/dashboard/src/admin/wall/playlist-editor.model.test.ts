import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_PLAYLIST, playlistProblems } from '@cityioc/domain';
import { addPanel, moveScene, panelsFree, removePanel, setDwell, setEnabled, setPanelSize, sizeOf, sizeValue } from './playlist-editor.model.ts';

const scenes = DEFAULT_WALL_PLAYLIST.scenes;
const ids = (s: readonly { id: string }[]) => s.map((x) => x.id);

describe('playlist editor', () => {
  it('moves scenes up and down, never past either end, without touching the given list', () => {
    expect(ids(moveScene(scenes, 3, -1))).toEqual(['overview', 'procedures', 'reporting', 'score766']);
    expect(ids(moveScene(scenes, 0, 1))).toEqual(['procedures', 'overview', 'score766', 'reporting']);
    expect(ids(moveScene(scenes, 0, -1))).toEqual(ids(scenes));
    expect(ids(moveScene(scenes, 3, 1))).toEqual(ids(scenes));
    expect(ids(scenes)).toEqual(['overview', 'procedures', 'score766', 'reporting']);
  });

  it('turns scenes off and sets their dwell; an out-of-range dwell is refused by the playlist rules', () => {
    const off = setEnabled(scenes, 2, false);
    expect(off.map((s) => s.enabled)).toEqual([true, true, false, true]);
    expect(setDwell(off, 1, '90')[1]!.dwellSeconds).toBe(90);
    expect(playlistProblems({ scenes: setDwell(scenes, 1, '5') }).map((p) => [p.field, p.reason])).toEqual([['/scenes/1/dwellSeconds', 'dwell_out_of_range']]);
    expect(playlistProblems({ scenes: setDwell(scenes, 1, '') }).map((p) => p.reason)).toEqual(['dwell_out_of_range']);
    expect(playlistProblems({ scenes: scenes.map((_, i) => i).reduce((s, i) => setEnabled(s, i, false), [...scenes]) }).map((p) => p.reason)).toEqual([
      'no_enabled_scene',
    ]);
  });

  it('adds, sizes and removes panels of a scene; only panels the scene does not place can be added', () => {
    expect(panelsFree(scenes[0]!)).not.toContain('map');
    expect(panelsFree(scenes[0]!)).toContain('directive-board');
    const added = addPanel(scenes, 0, 0, 'directive-board');
    expect(added[0]!.columns[0]!.panels.map((p) => p.panel)).toEqual(['map', 'feed-health', 'directive-board']);
    expect(setPanelSize(added, 0, 0, 'directive-board', 2)[0]!.columns[0]!.panels[2]).toEqual({ panel: 'directive-board', size: 2 });
    // the score766 scene's only left column loses its only panel: the column goes
    const removed = removePanel(scenes, 2, 0, 'score766-scorecard');
    expect(removed[2]!.columns.map((c) => c.panels.map((p) => p.panel))).toEqual([['score766-lost', 'directive-board']]);
  });

  it('reads and writes panel sizes as select values', () => {
    expect(([undefined, 'auto', 'fill', 2] as const).map((v) => sizeValue(v))).toEqual(['default', 'auto', 'fill', '2']);
    expect(['default', 'auto', 'fill', '2', '-1'].map(sizeOf)).toEqual([undefined, 'auto', 'fill', 2, undefined]);
  });
});
