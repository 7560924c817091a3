import { DEFAULT_SCENE_SECONDS, SCENES, type SceneDef, type SceneId } from './scene-registry.ts';
import type { WallSearch } from './wall-state.ts';

/**
 * Which scene the wall shows. The wall goes through its scenes, each for its dwell time; the
 * position in the cycle is taken from the server-corrected clock (epoch ms modulo the cycle), so
 * every browser of a multi-screen wall switches in the same second. A screen that (re)loads
 * shows the first scene (the overview) for at least its full dwell, until the wall-wide schedule
 * next switches away from it: a reload never lands on a scene for a second or two.
 *   ?scene=procedures  pins one scene (no rotation); ?scene=admin is the old name of that scene
 *   ?rotate=0          stops rotation on the first scene
 *   ?sceneSeconds=20   one dwell for every scene (5–3600 s), else window.__IOC_CONFIG__.sceneSeconds,
 *                      else each scene's own (scene-registry.ts)
 */
export interface ScenePlan {
  scenes: readonly SceneId[];
  /** How long each scene shows, in the order of `scenes`. */
  dwellMs: readonly number[];
  pinned: SceneId | null;
  rotate: boolean;
}

export interface SceneState {
  scene: SceneId;
  index: number;
  /** False when pinned or stopped. */
  rotating: boolean;
  /** Until the next switch; null when not rotating. */
  nextInMs: number | null;
  /** 0..1 through the current slot; null when not rotating. */
  progress: number | null;
}

const MIN_SECONDS = 5;
const MAX_SECONDS = 3600;

function seconds(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(n) && n >= MIN_SECONDS && n <= MAX_SECONDS ? n : null;
}

/** The plan from the wall's URL parameters, the deployment's setting and the scenes. */
export function scenePlan(search: WallSearch, configSeconds?: unknown, scenes: readonly SceneDef[] = SCENES): ScenePlan {
  const all = seconds(search.sceneSeconds) ?? seconds(configSeconds);
  const pinned = search.scene !== undefined && scenes.some((s) => s.id === search.scene) ? search.scene : null;
  return {
    scenes: scenes.map((s) => s.id),
    dwellMs: scenes.map((s) => (all ?? seconds(s.dwellSeconds) ?? DEFAULT_SCENE_SECONDS) * 1000),
    pinned,
    rotate: pinned === null && search.rotate,
  };
}

function aligned(plan: ScenePlan, now: number): SceneState {
  const cycle = plan.dwellMs.reduce((a, b) => a + b, 0);
  let t = ((now % cycle) + cycle) % cycle;
  let index = 0;
  while (t >= plan.dwellMs[index]!) t -= plan.dwellMs[index++]!;
  const dwell = plan.dwellMs[index]!;
  return { scene: plan.scenes[index]!, index, rotating: true, nextInMs: dwell - t, progress: t / dwell };
}

/**
 * When a screen that started at `startedAt` joins the wall-wide schedule: the first aligned switch
 * away from the first scene at least one dwell of the first scene after the start.
 */
export function joinAt(plan: ScenePlan, startedAt: number): number {
  const earliest = startedAt + plan.dwellMs[0]!;
  const at = aligned(plan, earliest);
  let end = at.progress === 0 ? earliest : earliest + at.nextInMs!;
  for (let i = 0; i < plan.scenes.length && aligned(plan, end).index === 0; i++) end += aligned(plan, end).nextInMs!;
  return end;
}

/** The scene to show at `now` (server-corrected epoch ms) on a screen that started at `startedAt`. */
export function sceneAt(plan: ScenePlan, now: number, startedAt?: number): SceneState {
  if (plan.pinned) return { scene: plan.pinned, index: Math.max(0, plan.scenes.indexOf(plan.pinned)), rotating: false, nextInMs: null, progress: null };
  if (!plan.rotate || plan.scenes.length < 2) return { scene: plan.scenes[0] ?? 'overview', index: 0, rotating: false, nextInMs: null, progress: null };
  if (startedAt !== undefined && now >= startedAt) {
    const join = joinAt(plan, startedAt);
    if (now < join) return { scene: plan.scenes[0]!, index: 0, rotating: true, nextInMs: join - now, progress: (now - startedAt) / (join - startedAt) };
  }
  return aligned(plan, now);
}

/** The instants (epoch ms) of the next `count` switches after `now`, with the scene each one brings. */
export function upcomingSwitches(plan: ScenePlan, now: number, count: number, startedAt?: number): { at: number; scene: SceneId }[] {
  const out: { at: number; scene: SceneId }[] = [];
  let t = now;
  for (let i = 0; i < count; i++) {
    const state = sceneAt(plan, t, startedAt);
    if (!state.rotating || state.nextInMs === null) break;
    t += state.nextInMs;
    out.push({ at: t, scene: sceneAt(plan, t, startedAt).scene });
  }
  return out;
}

/**
 * The scenes to keep mounted: the one on screen and, while rotating, the first one always and the
 * others once the first data is in (`warm`), so a switch never re-creates the map or a chart and
 * the next scene has its data before its turn. A pinned or stopped wall mounts its one scene.
 */
export function mountedScenes(plan: ScenePlan, state: SceneState, warm: boolean): SceneId[] {
  return plan.scenes.filter((id, i) => id === state.scene || (plan.rotate && (i === 0 || warm)));
}

/**
 * The scene a screen shows at `now`. One screen alone (of = 1) first shows the overview for a full
 * dwell after it (re)loads (sceneAt); a screen of a multi-screen wall (`?screen=i&of=n`) never waits:
 * it follows the wall-wide schedule at once, so all n screens show the same scene in the same second
 * (the schedule is the server-corrected clock's position in the cycle, the same in every browser).
 */
export function screenSceneAt(plan: ScenePlan, now: number, startedAt: number, of: number): SceneState {
  return sceneAt(plan, now, of > 1 ? undefined : startedAt);
}

/**
 * Which playlist a wall shows: the one in force until its next scene switch, then the latest one
 * (an administrator's edit reaches a running wall at a scene boundary, never mid-scene; every screen
 * of the wall sees the same boundary, so they change together). The first playlist read applies at
 * once, and so does a new one on a wall that does not rotate. `prevNow` is the instant of the last
 * render. Pure.
 */
export function playlistToShow<T>(inForce: T | null, latest: T, plan: ScenePlan, prevNow: number, now: number, startedAt?: number): T {
  if (inForce === null || inForce === latest) return latest;
  const before = sceneAt(plan, prevNow, startedAt);
  if (!before.rotating || before.nextInMs === null) return latest;
  return prevNow + before.nextInMs <= now ? latest : inForce;
}
