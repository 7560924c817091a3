import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENE_SECONDS, joinAt, sceneAt, scenePlan, upcomingSwitches, type ScenePlan } from './scene-rotation.ts';

const S = 1000;
// the schedule tests below use two scenes; the wall rotates all three (first test)
const plan: ScenePlan = { ...scenePlan(''), scenes: ['overview', 'admin'] };

describe('scene plan from the URL', () => {
  it('rotates every scene every 45 s by default: overview, admin, reporting', () => {
    const full = scenePlan('');
    expect(full).toEqual({ scenes: ['overview', 'admin', 'reporting'], pinned: null, rotate: true, periodMs: DEFAULT_SCENE_SECONDS * S });
    expect([0, 45_000, 90_000, 135_000].map((t) => sceneAt(full, t).scene)).toEqual(['overview', 'admin', 'reporting', 'overview']);
    expect(scenePlan('?scene=reporting')).toMatchObject({ pinned: 'reporting', rotate: false });
  });

  it('pins a scene with ?scene=, which also stops rotation', () => {
    expect(scenePlan('?scene=admin')).toMatchObject({ pinned: 'admin', rotate: false });
    expect(scenePlan('scene=overview')).toMatchObject({ pinned: 'overview', rotate: false });
    expect(scenePlan('?scene=<script>')).toMatchObject({ pinned: null, rotate: true });
  });

  it('stops rotation with ?rotate=0', () => {
    for (const v of ['0', 'false', 'off', 'NO']) expect(scenePlan(`?rotate=${v}`).rotate).toBe(false);
    expect(scenePlan('?rotate=1').rotate).toBe(true);
  });

  it('takes the period from the URL, then the deployment, within 5–3600 s', () => {
    expect(scenePlan('?sceneSeconds=20').periodMs).toBe(20 * S);
    expect(scenePlan('', 60).periodMs).toBe(60 * S);
    expect(scenePlan('?sceneSeconds=20', 60).periodMs).toBe(20 * S);
    expect(scenePlan('?sceneSeconds=1', 2).periodMs).toBe(45 * S);
    expect(scenePlan('?sceneSeconds=abc', '90').periodMs).toBe(90 * S);
    expect(scenePlan('?sceneSeconds=', 99999).periodMs).toBe(45 * S);
  });
});

describe('rotation schedule', () => {
  it('alternates scenes on slots of the clock', () => {
    expect(sceneAt(plan, 0).scene).toBe('overview');
    expect(sceneAt(plan, 44_999).scene).toBe('overview');
    expect(sceneAt(plan, 45_000).scene).toBe('admin');
    expect(sceneAt(plan, 89_999).scene).toBe('admin');
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
    expect(sceneAt(scenePlan('?scene=admin'), 0)).toEqual({ scene: 'admin', index: 1, rotating: false, nextInMs: null, progress: null });
    expect(sceneAt(scenePlan('?rotate=0'), 45_000).scene).toBe('overview');
  });

  it('after a (re)load shows the overview for at least a full period, then joins the wall-wide schedule', () => {
    // loaded at 50 s, inside an admin slot of the aligned schedule (45–90 s)
    expect(sceneAt(plan, 50_000, 50_000).scene).toBe('overview');
    // 95 s is past one period but the aligned slot 90–135 s is the overview anyway: no fake switch
    expect(joinAt(plan, 50_000)).toBe(135_000);
    expect(sceneAt(plan, 134_000, 50_000)).toMatchObject({ scene: 'overview', nextInMs: 1_000 });
    expect(sceneAt(plan, 135_000, 50_000).scene).toBe('admin');
    expect(sceneAt(plan, 180_000, 50_000).scene).toBe('overview');
    // loaded at 10 s: one period takes it to 55 s; the next boundary (90 s) starts an overview slot,
    // so the first switch is to the admin scene at 135 s
    expect(joinAt(plan, 10_000)).toBe(135_000);
    expect(sceneAt(plan, 60_000, 10_000).scene).toBe('overview');
    expect(sceneAt(plan, 90_000, 10_000).scene).toBe('overview');
    expect(joinAt(plan, 0)).toBe(45_000);
    expect(sceneAt(plan, 45_000, 0).scene).toBe('admin');
  });

  it('lists the coming switches', () => {
    expect(upcomingSwitches(plan, 10_000, 3)).toEqual([
      { at: 45_000, scene: 'admin' },
      { at: 90_000, scene: 'overview' },
      { at: 135_000, scene: 'admin' },
    ]);
    expect(upcomingSwitches(scenePlan('?rotate=0'), 10_000, 3)).toEqual([]);
    expect(upcomingSwitches(plan, 50_000, 2, 50_000)).toEqual([
      { at: 135_000, scene: 'admin' },
      { at: 180_000, scene: 'overview' },
    ]);
  });
});
