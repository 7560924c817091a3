/**
 * Which scene the wall shows. The wall alternates between its scenes every SCENE_SECONDS; the
 * slot is taken from the server-corrected clock (⌊now / period⌋ mod n), so every browser of a
 * multi-screen wall switches in the same second. A screen that (re)loads shows the first scene
 * (the overview) for at least one full period, until the wall-wide schedule next switches away
 * from it: a reload never lands on a scene for a second or two.
 *   ?scene=admin     pins one scene (no rotation); scenes: overview, admin, reporting
 *   ?rotate=0        stops rotation on the first scene
 *   ?sceneSeconds=20 another period (5–3600 s), else window.__IOC_CONFIG__.sceneSeconds, else 45
 */
export type SceneId = 'overview' | 'admin' | 'reporting';

export const SCENE_IDS: readonly SceneId[] = ['overview', 'admin', 'reporting'];
export const DEFAULT_SCENE_SECONDS = 45;
const MIN_SECONDS = 5;
const MAX_SECONDS = 3600;

export interface ScenePlan {
  scenes: readonly SceneId[];
  pinned: SceneId | null;
  rotate: boolean;
  periodMs: number;
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

export function isSceneId(value: unknown): value is SceneId {
  return typeof value === 'string' && (SCENE_IDS as readonly string[]).includes(value);
}

function seconds(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(n) && n >= MIN_SECONDS && n <= MAX_SECONDS ? n : null;
}

/** The plan from the URL and the deployment's setting. Unknown values fall back to the defaults. */
export function scenePlan(search: URLSearchParams | string, configSeconds?: unknown): ScenePlan {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const scene = q.get('scene');
  const pinned = isSceneId(scene) ? scene : null;
  const rotateParam = (q.get('rotate') ?? '').toLowerCase();
  const stopped = rotateParam === '0' || rotateParam === 'false' || rotateParam === 'off' || rotateParam === 'no';
  const s = seconds(q.get('sceneSeconds')) ?? seconds(configSeconds) ?? DEFAULT_SCENE_SECONDS;
  return { scenes: SCENE_IDS, pinned, rotate: pinned === null && !stopped, periodMs: s * 1000 };
}

function aligned(plan: ScenePlan, now: number): SceneState {
  const n = plan.scenes.length;
  const slot = Math.floor(now / plan.periodMs);
  const into = now - slot * plan.periodMs;
  const index = ((slot % n) + n) % n;
  return { scene: plan.scenes[index]!, index, rotating: true, nextInMs: plan.periodMs - into, progress: into / plan.periodMs };
}

/**
 * When a screen that started at `startedAt` joins the wall-wide schedule: the first aligned switch
 * away from the first scene at least one period after the start.
 */
export function joinAt(plan: ScenePlan, startedAt: number): number {
  let end = Math.ceil((startedAt + plan.periodMs) / plan.periodMs) * plan.periodMs;
  for (let i = 0; i < plan.scenes.length && aligned(plan, end).index === 0; i++) end += plan.periodMs;
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
