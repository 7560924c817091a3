import { describe, expect, it } from 'vitest';
import { parseSearch } from '../app/search.ts';
import { DEFAULT_SCENE_SECONDS, SCENES, type SceneDef } from './scene-registry.ts';
import { joinAt, mountedScenes, playlistToShow, sceneAt, scenePlan as planOf, screenSceneAt, upcomingSwitches, type ScenePlan } from './scene-rotation.ts';
import { validateWallSearch } from './wall-state.ts';

const S = 1000;
/** The plan of a wall URL: the router's parse, the route's validateSearch, then the plan. */
const scenePlan = (url: string, configSeconds?: unknown, scenes?: readonly SceneDef[]) => planOf(validateWallSearch(parseSearch(url)), configSeconds, scenes);
// the schedule tests below use two scenes; the wall rotates all four (first test)
const plan: ScenePlan = { ...scenePlan(''), scenes: ['overview', 'procedures'], dwellMs: [45_000, 45_000] };

describe('scene plan from the URL', () => {
  it('rotates every scene every 45 s by default: overview, procedures, 766 scorecard, reporting', () => {
    const full = scenePlan('');
    const dwell = DEFAULT_SCENE_SECONDS * S;
    expect(full).toEqual({ scenes: ['overview', 'procedures', 'score766', 'reporting'], pinned: null, rotate: true, dwellMs: [dwell, dwell, dwell, dwell] });
    expect([0, 45_000, 90_000, 135_000, 180_000].map((t) => sceneAt(full, t).scene)).toEqual(['overview', 'procedures', 'score766', 'reporting', 'overview']);
    expect(scenePlan('?scene=reporting')).toMatchObject({ pinned: 'reporting', rotate: false });
  });

  it('pins a scene with ?scene=, which also stops rotation; the old id admin still works', () => {
    expect(scenePlan('?scene=procedures')).toMatchObject({ pinned: 'procedures', rotate: false });
    expect(scenePlan('?scene=admin')).toMatchObject({ pinned: 'procedures', rotate: false });
    expect(scenePlan('scene=overview')).toMatchObject({ pinned: 'overview', rotate: false });
    expect(scenePlan('?scene=<script>')).toMatchObject({ pinned: null, rotate: true });
  });

  it('stops rotation with ?rotate=0', () => {
    for (const v of ['0', 'false', 'off', 'NO']) expect(scenePlan(`?rotate=${v}`).rotate).toBe(false);
    expect(scenePlan('?rotate=1').rotate).toBe(true);
  });

  it('takes the period from the URL, then the deployment, within 5–3600 s', () => {
    expect(scenePlan('?sceneSeconds=20').dwellMs).toEqual([20 * S, 20 * S, 20 * S, 20 * S]);
    expect(scenePlan('', 60).dwellMs[0]).toBe(60 * S);
    expect(scenePlan('?sceneSeconds=20', 60).dwellMs[0]).toBe(20 * S);
    expect(scenePlan('?sceneSeconds=1', 2).dwellMs[0]).toBe(45 * S);
    expect(scenePlan('?sceneSeconds=abc', '90').dwellMs[0]).toBe(90 * S);
    expect(scenePlan('?sceneSeconds=', 99999).dwellMs[0]).toBe(45 * S);
  });
});

describe('rotation schedule', () => {
  it('alternates scenes on slots of the clock', () => {
    expect(sceneAt(plan, 0).scene).toBe('overview');
    expect(sceneAt(plan, 44_999).scene).toBe('overview');
    expect(sceneAt(plan, 45_000).scene).toBe('procedures');
    expect(sceneAt(plan, 89_999).scene).toBe('procedures');
    expect(sceneAt(plan, 90_000).scene).toBe('overview');
  });

  it('says how long until the next switch and how far through the slot it is', () => {
    const s = sceneAt(plan, 45_000 * 1000 + 15_000);
    expect(s).toEqual({ scene: 'overview', index: 0, rotating: true, nextInMs: 30_000, progress: 1 / 3 });
  });

  it('is the same on every screen at the same server time', () => {
    const now = Date.UTC(2026, 10, 22, 0, 30, 10);
    expect(sceneAt(scenePlan(''), now)).toEqual(sceneAt(scenePlan('?lang=en'), now));
  });

  it('shows the pinned scene, or the first one when stopped', () => {
    expect(sceneAt(scenePlan('?scene=procedures'), 0)).toEqual({ scene: 'procedures', index: 1, rotating: false, nextInMs: null, progress: null });
    expect(sceneAt(scenePlan('?rotate=0'), 45_000).scene).toBe('overview');
  });

  it('after a (re)load shows the overview for at least a full period, then joins the wall-wide schedule', () => {
    // loaded at 50 s, inside a procedures slot of the aligned schedule (45–90 s)
    expect(sceneAt(plan, 50_000, 50_000).scene).toBe('overview');
    // 95 s is past one period but the aligned slot 90–135 s is the overview anyway: no fake switch
    expect(joinAt(plan, 50_000)).toBe(135_000);
    expect(sceneAt(plan, 134_000, 50_000)).toMatchObject({ scene: 'overview', nextInMs: 1_000 });
    expect(sceneAt(plan, 135_000, 50_000).scene).toBe('procedures');
    expect(sceneAt(plan, 180_000, 50_000).scene).toBe('overview');
    // loaded at 10 s: one period takes it to 55 s; the next boundary (90 s) starts an overview slot,
    // so the first switch is to the procedures scene at 135 s
    expect(joinAt(plan, 10_000)).toBe(135_000);
    expect(sceneAt(plan, 60_000, 10_000).scene).toBe('overview');
    expect(sceneAt(plan, 90_000, 10_000).scene).toBe('overview');
    expect(joinAt(plan, 0)).toBe(45_000);
    expect(sceneAt(plan, 45_000, 0).scene).toBe('procedures');
  });

  it('lists the coming switches', () => {
    expect(upcomingSwitches(plan, 10_000, 3)).toEqual([
      { at: 45_000, scene: 'procedures' },
      { at: 90_000, scene: 'overview' },
      { at: 135_000, scene: 'procedures' },
    ]);
    expect(upcomingSwitches(scenePlan('?rotate=0'), 10_000, 3)).toEqual([]);
    expect(upcomingSwitches(plan, 50_000, 2, 50_000)).toEqual([
      { at: 135_000, scene: 'procedures' },
      { at: 180_000, scene: 'overview' },
    ]);
  });
});

describe('scenes with their own dwell times', () => {
  // three of the wall's scenes, each with its own time
  const scenes: SceneDef[] = (['overview', 'procedures', 'reporting'] as const).map((id, i) => ({
    ...SCENES.find((s) => s.id === id)!,
    dwellSeconds: [60, 20, 10][i]!,
  }));
  const own = scenePlan('', undefined, scenes);

  it('shows each scene for its own time, on the same wall-wide cycle', () => {
    expect(own.dwellMs).toEqual([60_000, 20_000, 10_000]);
    expect([0, 59_999, 60_000, 79_999, 80_000, 89_999, 90_000].map((t) => sceneAt(own, t).scene)).toEqual([
      'overview',
      'overview',
      'procedures',
      'procedures',
      'reporting',
      'reporting',
      'overview',
    ]);
    expect(sceneAt(own, 85_000)).toMatchObject({ nextInMs: 5_000, progress: 0.5 });
    expect(upcomingSwitches(own, 0, 3).map((x) => x.at)).toEqual([60_000, 80_000, 90_000]);
  });

  it('lets the URL and then the deployment set one time for all', () => {
    expect(scenePlan('?sceneSeconds=30', undefined, scenes).dwellMs).toEqual([30_000, 30_000, 30_000]);
    expect(scenePlan('', 15, scenes).dwellMs).toEqual([15_000, 15_000, 15_000]);
  });

  it('joins the cycle after a full first dwell', () => {
    // started at 70 s (procedures slot): overview until at least 130 s; 130 s is inside an overview slot (90–150 s)
    expect(joinAt(own, 70_000)).toBe(150_000);
    expect(sceneAt(own, 149_000, 70_000).scene).toBe('overview');
    expect(sceneAt(own, 150_000, 70_000).scene).toBe('procedures');
  });
});

describe('mounted scenes', () => {
  const full = scenePlan('');
  it('keeps the first scene and, once warm, every scene of the rotation mounted', () => {
    expect(mountedScenes(full, sceneAt(full, 0), false)).toEqual(['overview']);
    expect(mountedScenes(full, sceneAt(full, 45_000), false)).toEqual(['overview', 'procedures']);
    expect(mountedScenes(full, sceneAt(full, 0), true)).toEqual(['overview', 'procedures', 'score766', 'reporting']);
  });

  it('mounts only the pinned scene, or the first one when stopped', () => {
    const pinned = scenePlan('?scene=reporting');
    expect(mountedScenes(pinned, sceneAt(pinned, 0), true)).toEqual(['reporting']);
    const stopped = scenePlan('?rotate=0');
    expect(mountedScenes(stopped, sceneAt(stopped, 45_000), true)).toEqual(['overview']);
  });
});

describe('one wall of several screens', () => {
  const own = scenePlan('', undefined, SCENES.slice(0, 3));
  it('reads ?screen=i&of=n from the URL, screen 1 when the router left its default out', () => {
    expect(validateWallSearch(parseSearch('?kiosk&screen=2&of=2'))).toMatchObject({ kiosk: true, screen: 2, of: 2 });
    expect(validateWallSearch(parseSearch('?kiosk&of=2'))).toMatchObject({ screen: 1, of: 2 });
    expect(validateWallSearch(parseSearch('?screen=3&of=2'))).toMatchObject({ screen: 1, of: 1 });
  });

  it('every screen shows the wall-wide scene at once, whenever it was (re)loaded', () => {
    // a single screen loaded at 50 s first shows the overview; screens of a wall never wait
    expect(screenSceneAt(own, 50_000, 50_000, 1).scene).toBe('overview');
    for (const started of [0, 50_000, 91_000])
      expect([95_000, 134_999, 135_000].map((t) => screenSceneAt(own, t, started, 2).scene)).toEqual(['score766', 'score766', 'overview']);
  });
});

describe('a playlist edited while the wall runs', () => {
  const old = scenePlan('', undefined, SCENES);
  const a = { v: 1 };
  const b = { v: 2 };
  it('applies the first playlist at once, a later one at the next scene switch of the one in force', () => {
    expect(playlistToShow(null, a, old, 0, 0)).toBe(a);
    expect(playlistToShow(a, a, old, 10_000, 11_000)).toBe(a);
    // 45 s slots: from 43 s to 44 s no switch; from 44 s to 45 s the switch
    expect(playlistToShow(a, b, old, 43_000, 44_000)).toBe(a);
    expect(playlistToShow(a, b, old, 44_000, 45_000)).toBe(b);
    // a tab that slept past the switch applies it when it wakes
    expect(playlistToShow(a, b, old, 10_000, 200_000)).toBe(b);
  });

  it('applies it at once on a wall that does not rotate', () => {
    expect(playlistToShow(a, b, scenePlan('?scene=reporting'), 10_000, 11_000)).toBe(b);
    expect(playlistToShow(a, b, scenePlan('?rotate=0'), 10_000, 11_000)).toBe(b);
  });
});
