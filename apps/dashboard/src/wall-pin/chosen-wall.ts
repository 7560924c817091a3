import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { pinWall, screenWall } from './wall-pin.model.ts';
import { wallsQuery } from './wall-pin.queries.ts';

/**
 * The wall a leader chose on the briefing page, kept in this browser (localStorage), so that the pin
 * buttons of the alerts page, the explorer and the wall's ticker send to the same wall.
 */
const KEY = 'ioc.briefing.wall';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage refused (private mode, policy): the default wall
  }
}

export function chooseWall(wall: string): void {
  try {
    window.localStorage.setItem(KEY, wall);
  } catch {
    // kept for this page only
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => e.key === KEY && l();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/** The wall chosen in this browser, or null. */
export const useChosenWall = (): string | null => useSyncExternalStore(subscribe, read, () => null);

/**
 * The wall a leader's pin actions go to: `named` (a page's ?wall=), else the wall this screen shows when it is a wall
 * screen, else the chosen one (pinWall). The list of walls is read only to check a choice.
 */
export function usePinWall(named?: string): string {
  const chosen = useChosenWall();
  const own = named ?? screenWall(window.location.pathname, window.location.search);
  const walls = useQuery({ ...wallsQuery(), enabled: own === undefined && chosen !== null });
  return pinWall(own, chosen, walls.data ? walls.data.walls.map((w) => w.wall) : null);
}
