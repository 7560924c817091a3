import { DEFAULT_WALL_PLAYLIST } from '@cityioc/domain';
import { wallPinKey, wallsQuery } from '../wall-pin/wall-pin.queries.ts';
import { describe, expect, it } from 'vitest';
import { panelSize, PANELS } from '../panels/registry.tsx';
import { fixtureFor, fixtureQueryClient, MissingFixture } from './fixture-api.ts';
import { GALLERY_CTX } from './fixtures/clock.ts';
import { frameShapes, galleryFrames, STRESSED_PANELS, validateGallerySearch } from './gallery.model.ts';
import { QueryClient } from '@tanstack/react-query';

const panels = Object.entries(PANELS).map(([id, d]) => ({ id, size: d.size }));
const shapes = frameShapes(DEFAULT_WALL_PLAYLIST.scenes, panelSize);

describe('the gallery frames', () => {
  it('frame every panel of the registry once, and the text-heavy ones again with stressed fixtures', () => {
    const frames = galleryFrames(panels, shapes);
    expect(frames.filter((f) => f.variant === 'normal').map((f) => f.panel)).toEqual(Object.keys(PANELS));
    expect(frames.filter((f) => f.variant === 'stressed').map((f) => f.frame)).toEqual(
      Object.keys(PANELS)
        .filter((id) => STRESSED_PANELS.has(id))
        .map((id) => `${id}~stressed`),
    );
    expect(new Set(frames.map((f) => f.frame)).size).toBe(frames.length);
    for (const id of STRESSED_PANELS) expect(PANELS[id], id).toBeDefined();
  });

  it('give each panel the cell its scene gives it: the column share of the width, an even share of what the auto panels leave', () => {
    // overview: the map fills the left half under the feed health; the water-level chart what the KPI tiles and air quality leave
    expect(shapes.get('alert-ticker')).toEqual({ width: 1, height: null, scene: 'overview' });
    expect(shapes.get('map')).toEqual({ width: 0.5, height: 42, scene: 'overview' });
    expect(shapes.get('kpi-tiles')).toEqual({ width: 0.5, height: null, scene: 'overview' });
    expect(shapes.get('water-level')).toEqual({ width: 0.5, height: 30, scene: 'overview' });
    expect(shapes.get('procedures-rank-agencies')).toEqual({ width: 0.42, height: 27, scene: 'procedures' });
  });

  it('?panel=<id> keeps that panel (and its stressed frame); an unknown or malformed id keeps none', () => {
    expect(galleryFrames(panels, shapes, 'reporting-late').map((f) => f.frame)).toEqual(['reporting-late', 'reporting-late~stressed']);
    expect(galleryFrames(panels, shapes, 'kpi-tiles').map((f) => f.frame)).toEqual(['kpi-tiles']);
    expect(galleryFrames(panels, shapes, 'nope')).toEqual([]);
    expect(validateGallerySearch({ panel: 'water-level' })).toEqual({ panel: 'water-level' });
    expect(validateGallerySearch({ panel: '<b>x</b>' })).toEqual({ panel: undefined });
  });
});

describe('the gallery fixtures', () => {
  it('answer every read every panel declares, in both variants', () => {
    for (const [id, def] of Object.entries(PANELS))
      for (const q of def.queries(GALLERY_CTX))
        for (const variant of ['normal', 'stressed'] as const) expect(fixtureFor(q.queryKey, variant), `${id} ${JSON.stringify(q.queryKey)}`).toBeDefined();
    // a leader's session draws pin buttons on the panels: they read the wall's pin, none in force here
    expect(fixtureFor(wallPinKey('main'), 'normal')).toBeNull();
    expect(fixtureFor(wallsQuery().queryKey, 'normal')).toEqual({ serverTime: 0, walls: [{ wall: 'main', screens: 1, pin: null }] });
  });

  it('never reach the network: a read is answered by its key, a key without a fixture fails as MissingFixture', async () => {
    const client = fixtureQueryClient('stressed', new QueryClient());
    const alerts = await client.fetchQuery({ queryKey: ['alerts', 'wall'], queryFn: () => Promise.reject(new Error('network')) });
    expect((alerts as unknown[]).length).toBe(50);
    await expect(client.fetchQuery({ queryKey: ['nothing', 'here'], queryFn: () => Promise.resolve(1) })).rejects.toBeInstanceOf(MissingFixture);
    expect(client.getQueryDefaults(['alerts', 'wall'])).toEqual({});
  });

  it('take the session from the page, not from a fixture', async () => {
    const page = new QueryClient();
    page.setQueryData(['auth', 'me'], { user: { id: 'u1' } });
    const client = fixtureQueryClient('normal', page);
    expect(await client.fetchQuery({ queryKey: ['auth', 'me'], queryFn: () => Promise.reject(new Error('network')) })).toEqual({ user: { id: 'u1' } });
  });
});
