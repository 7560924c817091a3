import { describe, expect, it } from 'vitest';
import { en, vi } from '../i18n/resources.ts';
import { DEFAULT_WALL_PLAYLIST, playlistProblems, WALL_PANEL_IDS } from '@cityioc/domain';
import { SCENES } from '../scenes/scene-registry.ts';
import { PANEL_IDS, PANELS } from './registry.tsx';

/** The value of a dotted i18n key, or undefined. */
function lookup(resources: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), resources);
}

describe('panel registry', () => {
  it('draws exactly the panels a playlist may name, and the default playlist places every one', () => {
    // the server checks stored playlists against the domain's list: the two lists stay one
    expect([...PANEL_IDS].sort()).toEqual([...WALL_PANEL_IDS].sort());
    expect(playlistProblems(DEFAULT_WALL_PLAYLIST)).toEqual([]);
    const placed = new Set(SCENES.flatMap((s) => [...(s.head ? [s.head] : []), ...s.columns.flatMap((c) => c.panels.map((p) => p.panel))]));
    expect([...PANEL_IDS].filter((id) => !placed.has(id))).toEqual([]);
  });

  it('names every panel and scene in Vietnamese and English', () => {
    for (const key of [...Object.values(PANELS).map((p) => p.title), ...SCENES.map((s) => s.title)]) {
      expect(typeof lookup(vi, key), `vi ${key}`).toBe('string');
      expect(typeof lookup(en, key), `en ${key}`).toBe('string');
    }
  });

  it('gives the reads of each panel as query options the wall can prefetch', () => {
    const ctx = { period: 'quarter' as const, now: Date.UTC(2026, 10, 22), timeZone: 'Asia/Ho_Chi_Minh' };
    const keys = (id: string) => PANELS[id]!.queries(ctx).map((q) => JSON.stringify(q.queryKey));
    expect(keys('procedures-counts')).toEqual([JSON.stringify(['dossiers', 'indicators', '2026-Q4', '92', 'area'])]);
    expect(keys('procedures-rank-agencies')).toEqual([
      JSON.stringify(['dossiers', 'indicators', '2026-Q4', '92', 'agency']),
      JSON.stringify(['agencies', 'today']),
    ]);
    expect(keys('map')).toContain(JSON.stringify(['geo', 'areas', 'today']));
    expect(keys('map')).toContain(JSON.stringify(['areas', 'today']));
    for (const def of Object.values(PANELS)) for (const q of def.queries(ctx)) expect(typeof q.queryFn).toBe('function');
  });
});
