import { DEFAULT_WALL, WALL_ID_PATTERN, type WallPin, type WallPinTarget } from '@cityioc/contracts';
import { pageOfPath } from '../auth/access.model.ts';
import type { SessionUser } from '../auth/session.ts';
import { sceneIdOf } from '../scenes/scene-registry.ts';
import type { ScenePlan, SceneState } from '../scenes/scene-rotation.ts';

/**
 * Briefing mode on the dashboard (issue 13 #4), pure: who may pin, whether a target is the one
 * pinned, and what the wall does with a pin. The server decides the same (POST /api/v1/wall/pin:
 * leaders and administrators; a wall device reads as a leader but never pins).
 */
export function canPin(user: SessionUser | null): boolean {
  return user !== null && user.kind !== 'device' && (user.role === 'leader' || user.role === 'admin');
}

export function sameTarget(a: WallPinTarget, b: WallPinTarget): boolean {
  switch (a.kind) {
    case 'panel':
      return b.kind === 'panel' && a.panel === b.panel;
    case 'scene':
      return b.kind === 'scene' && a.scene === b.scene;
    case 'unit':
      return b.kind === 'unit' && a.unitCode === b.unitCode;
    case 'alert':
      return b.kind === 'alert' && a.alertId === b.alertId;
  }
}

/**
 * The scene a wall shows while a scene is pinned: that scene, held (no rotation), the rotation's
 * other scenes staying mounted so that the release finds them ready and resumes where the clock
 * says. Null when no scene is pinned (the other kinds draw over whatever scene shows).
 */
export function heldScene(plan: ScenePlan, pin: WallPin | null): SceneState | null {
  const id = pin?.target.kind === 'scene' ? sceneIdOf(pin.target.scene) : undefined;
  if (!id || !plan.scenes.includes(id)) return null;
  return { scene: id, index: plan.scenes.indexOf(id), rotating: false, nextInMs: null, progress: null };
}

const WALL_ID = new RegExp(WALL_ID_PATTERN);

/** A wall's name from the URL (`?wall=phong-hop`), else the default wall. */
export const wallOf = (raw: string | undefined): string => (raw !== undefined && WALL_ID.test(raw) ? raw : DEFAULT_WALL);

/**
 * The wall a page shows when it is a wall screen (the wall page, not the gallery): its `?wall=`, else
 * the default wall; undefined for every other page. Sent in the socket's handshake, so the server
 * can count each wall's open screens for the leader's picker.
 */
export function screenWall(pathname: string, search: string): string | undefined {
  if (pageOfPath(pathname) !== 'wall' || pathname.replace(/\/+$/, '') === '/gallery') return undefined;
  return wallOf(new URLSearchParams(search).get('wall') ?? undefined);
}

/**
 * The wall the leader's pin buttons send to: the one the page names (its URL's, or the wall screen's
 * own), else the one last chosen on the briefing page (kept in this browser) while the server still
 * knows it (`known`: null until the list is read), else the default wall.
 */
export function pinWall(named: string | undefined, chosen: string | null, known: readonly string[] | null): string {
  if (named !== undefined && WALL_ID.test(named)) return named;
  if (chosen !== null && WALL_ID.test(chosen) && (known === null || known.includes(chosen))) return chosen;
  return DEFAULT_WALL;
}

/** The time-to-live choices of the briefing page, in minutes (10 by default, as the server's). */
export const PIN_MINUTES = [5, 10, 15, 30, 60] as const;
export const DEFAULT_PIN_MINUTES = 10;

/** A stable test id / DOM key of a target: 'panel-map', 'unit-31135', 'alert-…', 'scene-overview'. */
export function targetKey(t: WallPinTarget): string {
  switch (t.kind) {
    case 'panel':
      return `panel-${t.panel}`;
    case 'scene':
      return `scene-${t.scene}`;
    case 'unit':
      return `unit-${t.unitCode}`;
    case 'alert':
      return `alert-${t.alertId}`;
  }
}
