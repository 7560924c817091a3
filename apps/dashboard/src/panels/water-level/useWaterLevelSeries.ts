import type { Station } from '@cityioc/contracts';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { historyQuery } from '../../queries/history.queries.ts';
import { useLiveClient, useLiveState } from '../../realtime/RealtimeProvider.tsx';
import { mergePoints, stepFor, type SeriesPoint } from './water-level.buffer.ts';

export const WINDOW_MS = 6 * 3600_000;
/** 5.4 s: the six hours fit in the buffer's MAX_POINTS whatever the gauges' rate */
const STEP_MS = stepFor(WINDOW_MS);

type Buffers = Readonly<Record<string, readonly SeriesPoint[]>>;

/**
 * A rolling 6-hour buffer per water-level station: seeded from /api/v1/history, then appended
 * from the station cells of every applied delta. After a reconnect the history is read again
 * for a window ending now, so the hole left by the outage fills in.
 */
export function useWaterLevelSeries(stations: readonly Station[]): Buffers {
  const client = useLiveClient();
  const { resyncs } = useLiveState();
  const range = useMemo(() => {
    const to = Math.ceil(client.serverNow() / 60_000) * 60_000;
    return { from: to - WINDOW_MS, to, resyncs };
  }, [client, resyncs]); // a new window only after a reconnect: the live feed extends the old one

  const histories = useQueries({
    queries: stations.map((s) => historyQuery({ indicator: 'water_level', station: s.id, from: range.from, to: range.to })),
  });

  const [buffers, setBuffers] = useState<Buffers>({});

  const loadedStamp = histories.map((h) => h.dataUpdatedAt).join('|');
  useEffect(() => {
    setBuffers((prev) => {
      let next = prev;
      const from = client.serverNow() - WINDOW_MS;
      histories.forEach(({ data }, i) => {
        const id = stations[i]?.id;
        if (!data || !id) return;
        const points: SeriesPoint[] = [];
        for (const p of data.points) if (typeof p.value === 'number') points.push([p.t, p.value]);
        const merged = mergePoints(prev[id] ?? [], points, from, STEP_MS);
        if (merged !== prev[id]) next = { ...next, [id]: merged };
      });
      return next;
    });
  }, [client, stations, loadedStamp]); // `histories` is a new array on every render; its load times are not

  useEffect(() => {
    const ids = new Set(stations.map((s) => s.id));
    return client.onCells((_scope, cells) => {
      const live = cells.filter((c) => c.station !== null && ids.has(c.station) && c.indicator === 'water_level' && typeof c.value === 'number');
      if (live.length === 0) return;
      const from = client.serverNow() - WINDOW_MS;
      setBuffers((prev) => {
        let next = prev;
        for (const c of live) {
          const id = c.station!;
          const merged = mergePoints(next[id] ?? [], [[c.observedAt, c.value!]], from, STEP_MS);
          if (merged !== next[id]) next = { ...next, [id]: merged };
        }
        return next;
      });
    });
  }, [client, stations]);

  return buffers;
}
