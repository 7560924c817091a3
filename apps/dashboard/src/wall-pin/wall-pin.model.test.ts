import { WALL_PANEL_IDS, WALL_SCENE_IDS, type WallPin } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/session.ts';
import { en, vi } from '../i18n/resources.ts';
import { PANEL_IDS } from '../panels/registry.tsx';
import { SCENES } from '../scenes/scene-registry.ts';
import { scenePlan } from '../scenes/scene-rotation.ts';
import { validateWallSearch } from '../scenes/wall-state.ts';
import { validateBriefingSearch } from './briefing-state.ts';
import { canPin, heldScene, pinWall, sameTarget, screenWall, targetKey, wallOf } from './wall-pin.model.ts';

const person = (role: SessionUser['role'], kind: SessionUser['kind'] = 'user'): SessionUser => ({
  id: role,
  name: role,
  role,
  kind,
  scopes: { units: ['92'], agencies: [] },
});
const pinOf = (target: WallPin['target']): WallPin => ({
  id: 'p1',
  wall: 'main',
  target,
  at: '2026-12-05T09:30:00+07:00',
  until: '2026-12-05T09:40:00+07:00',
  by: 'Trần Văn Hùng',
});

describe('briefing pins on the dashboard', () => {
  it('lets leaders and administrators pin; operators, analysts and wall devices never see the button', () => {
    expect(canPin(person('leader'))).toBe(true);
    expect(canPin(person('admin'))).toBe(true);
    expect(canPin(person('operator'))).toBe(false);
    expect(canPin(person('analyst'))).toBe(false);
    expect(canPin(person('leader', 'device'))).toBe(false);
    expect(canPin(null)).toBe(false);
  });

  it('knows the same panels and scenes as the server checks', () => {
    expect([...PANEL_IDS].sort()).toEqual([...WALL_PANEL_IDS].sort());
    expect(SCENES.map((s) => s.id).sort()).toEqual([...WALL_SCENE_IDS].sort());
  });

  it('holds a pinned scene, rotation off, and leaves the rotation to the clock otherwise', () => {
    const plan = scenePlan(validateWallSearch({}));
    expect(heldScene(plan, pinOf({ kind: 'scene', scene: 'score766' }))).toEqual({
      scene: 'score766',
      index: 2,
      rotating: false,
      nextInMs: null,
      progress: null,
    });
    // the old name of the procedures scene is held too
    expect(heldScene(plan, pinOf({ kind: 'scene', scene: 'admin' }))?.scene).toBe('procedures');
    expect(heldScene(plan, pinOf({ kind: 'panel', panel: 'map' }))).toBeNull();
    expect(heldScene(plan, null)).toBeNull();
    expect(plan.rotate).toBe(true);
  });

  it('compares targets by kind and id, and names them for tests', () => {
    expect(sameTarget({ kind: 'unit', unitCode: '31135' }, { kind: 'unit', unitCode: '31135' })).toBe(true);
    expect(sameTarget({ kind: 'unit', unitCode: '31135' }, { kind: 'unit', unitCode: '31153' })).toBe(false);
    expect(sameTarget({ kind: 'panel', panel: 'map' }, { kind: 'scene', scene: 'overview' })).toBe(false);
    expect(sameTarget({ kind: 'alert', alertId: 'a' }, { kind: 'alert', alertId: 'a' })).toBe(true);
    expect(targetKey({ kind: 'alert', alertId: 'flood-band:wl-can-tho:1' })).toBe('alert-flood-band:wl-can-tho:1');
    expect(targetKey({ kind: 'scene', scene: 'overview' })).toBe('scene-overview');
  });

  it('follows the wall named in the URL, else the main wall', () => {
    expect(wallOf(validateWallSearch({ wall: 'phong-hop' }).wall)).toBe('phong-hop');
    expect(wallOf(validateWallSearch({}).wall)).toBe('main');
    expect(wallOf('Phòng họp')).toBe('main');
  });

  it('names the wall a wall screen shows in its handshake; no other page names one', () => {
    expect(screenWall('/', '?kiosk&wall=phong-hop')).toBe('phong-hop');
    expect(screenWall('/', '?kiosk')).toBe('main');
    expect(screenWall('/', '?wall=Bad%20Name')).toBe('main');
    expect(screenWall('/gallery', '?wall=phong-hop')).toBeUndefined();
    expect(screenWall('/operator/briefing', '?wall=phong-hop')).toBeUndefined();
    expect(screenWall('/analyst', '')).toBeUndefined();
  });

  it('pins to the wall the page names, else the one chosen while the server knows it, else the main wall', () => {
    expect(pinWall('hoi-truong', 'phong-hop', ['main', 'phong-hop'])).toBe('hoi-truong');
    expect(pinWall(undefined, 'phong-hop', null)).toBe('phong-hop');
    expect(pinWall(undefined, 'phong-hop', ['main', 'phong-hop'])).toBe('phong-hop');
    // a wall that no longer exists (never pinned, no screen open) is not chosen any more
    expect(pinWall(undefined, 'phong-hop', ['main'])).toBe('main');
    expect(pinWall(undefined, null, null)).toBe('main');
    expect(pinWall(undefined, '../etc', null)).toBe('main');
    expect(validateBriefingSearch({ wall: 'phong-hop' })).toEqual({ wall: 'phong-hop' });
    expect(validateBriefingSearch({ wall: 'Phòng họp' })).toEqual({ wall: undefined });
    expect(validateBriefingSearch({})).toEqual({ wall: undefined });
  });

  it('has every string in Vietnamese and English', () => {
    expect(vi.pin.banner).toBe('Đang ghim bởi {{by}} · còn {{left}}');
    expect(vi.pin.button).toBe('Ghim lên màn hình');
    expect(vi.pin.release).toBe('Bỏ ghim');
    expect(en.pin.button).toBe('Pin to the wall');
    expect(vi.nav.briefing).toBe('Ghim lên màn hình');
  });
});
