import type { WallPin, WallPinResponse, WallPinTarget } from '@cityioc/contracts';
import { activePin, pinCountdown } from '@cityioc/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClock, useLiveClient } from '../realtime/RealtimeProvider.tsx';
import { DEFAULT_PIN_MINUTES } from './wall-pin.model.ts';
import { pinToWall, releaseWall, wallPinKey, wallPinQuery, wallsKey } from './wall-pin.queries.ts';

/**
 * wallPinV1 pushes → the wall's pin in the cache (every page: the wall, the leader's pin buttons), and the list of
 * walls read again where it is shown (the briefing page's picker names each wall's pin); wallScreensV1 pushes (a wall
 * screen opened, closed or left the wall) → that list read again too, so its screen counts follow at once. Mounted
 * once by the App's shell.
 */
export function useWallPinPushes(): void {
  const client = useLiveClient();
  const qc = useQueryClient();
  useEffect(() => {
    const offPins = client.onWallPinPush((push) => {
      qc.setQueryData<WallPinResponse>(wallPinKey(push.wall), { serverTime: client.serverNow(), wall: push.wall, pin: push.pin });
      void qc.invalidateQueries({ queryKey: wallsKey });
    });
    // only where the list is shown (an active query) is it read again; elsewhere it is only marked stale
    const offScreens = client.onWallScreensPush(() => void qc.invalidateQueries({ queryKey: wallsKey }));
    return () => {
      offPins();
      offScreens();
    };
  }, [client, qc]);
}

/** The pin in force on a wall by the server-corrected clock (null once its time is up), and what is left of it as mm:ss. */
export function useWallPin(wall: string): { pin: WallPin | null; left: string; now: number } {
  const q = useQuery(wallPinQuery(wall));
  const { now } = useClock();
  const pin = activePin(q.data?.pin, now);
  return { pin, left: pin ? pinCountdown(pin, now) : '', now };
}

/** Pin and release, each answer written into the cache at once and the list of walls read again (the push follows). */
export function usePinActions(wall: string) {
  const qc = useQueryClient();
  const put = (r: WallPinResponse) => {
    qc.setQueryData(wallPinKey(wall), r);
    void qc.invalidateQueries({ queryKey: wallsKey });
  };
  const pin = useMutation({
    mutationFn: ({ target, minutes }: { target: WallPinTarget; minutes?: number }) =>
      pinToWall({ target, wall, ttlSeconds: (minutes ?? DEFAULT_PIN_MINUTES) * 60 }),
    onSuccess: put,
  });
  const release = useMutation({
    mutationFn: () => releaseWall(wall),
    onSuccess: (r) => put({ serverTime: r.serverTime, wall: r.wall, pin: null }),
  });
  return { pin, release };
}
