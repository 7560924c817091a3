import { numberIn, oneOf, switchOn, text, type RawSearch } from '../app/search.ts';
import { wallScreenOf } from '@cityioc/domain';
import { sceneIdOf, type SceneId } from './scene-registry.ts';

/** The wall's kiosk parameters (see scene-rotation.ts), and the period of the procedures scene. */
export interface WallSearch {
  /** A pinned scene (old ids accepted: ?scene=admin). */
  scene?: SceneId;
  rotate: boolean;
  /** `?kiosk`: the wall without the page chrome (no header, no scene pills, no language buttons); the offline banner stays. */
  kiosk: boolean;
  /** One dwell for every scene, 5–3600 s. */
  sceneSeconds?: number;
  /** The public-service dossiers scene shows this month, quarter or year. */
  period: 'month' | 'quarter' | 'year';
  /** `?screen=i&of=n` (1-based): this browser is screen i of a wall of n screens and shows its part of each scene (domain wall/screen-split.ts). */
  screen: number;
  of: number;
  /** `?wall=phong-hop`: the wall whose briefing pins this screen follows (default 'main'). */
  wall?: string;
}

/** Left out of the URL when they hold (the router strips them). */
export const WALL_SEARCH_DEFAULTS = { rotate: true, kiosk: false, period: 'month', screen: 1, of: 1 } as const satisfies Partial<WallSearch>;

/** The route's validateSearch: pure, never throws; unknown values fall back to the defaults. */
export function validateWallSearch(raw: RawSearch): WallSearch {
  return {
    scene: sceneIdOf(text(raw.scene)),
    rotate: switchOn(raw.rotate),
    // present (`?kiosk`, `?kiosk=1`) turns it on; absent or `?kiosk=0` leaves the chrome
    kiosk: raw.kiosk !== undefined && switchOn(raw.kiosk),
    sceneSeconds: numberIn(raw.sceneSeconds, 5, 3600),
    period: oneOf(raw.period, ['month', 'quarter', 'year'] as const) ?? WALL_SEARCH_DEFAULTS.period,
    // a screen outside 1..of, or of outside 1..64: the whole wall on this screen
    ...wallScreenOf(numberIn(raw.screen, 1, 64), numberIn(raw.of, 1, 64)),
    wall: text(raw.wall),
  };
}
