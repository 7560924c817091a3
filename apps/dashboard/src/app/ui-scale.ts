import { useSyncExternalStore } from 'react';

/** The wall is designed at 1920 px wide; 1 rem = 1/120 of the viewport width (16 px there). */
export const DESIGN_WIDTH = 1920;

function subscribe(cb: () => void): () => void {
  window.addEventListener('resize', cb);
  return () => window.removeEventListener('resize', cb);
}

const snapshot = () => Math.max(0.5, window.innerWidth / DESIGN_WIDTH);

/**
 * How much larger than the 1080p design the screen is (2 on a 4K wall). CSS scales by itself
 * through rem; canvas content (map circles, chart text) is scaled with this.
 */
export function useUiScale(): number {
  return useSyncExternalStore(subscribe, snapshot, () => 1);
}
