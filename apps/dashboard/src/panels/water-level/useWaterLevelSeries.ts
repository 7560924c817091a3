import type { Station } from '@cityioc/contracts';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { historyQuery } from '../../queries/history.queries.ts';
import { useLiveClient, useLiveState } from '../../realtime/RealtimeProvider.tsx';
import { SeriesBuffer, stepFor, type SeriesPoint } from './water-level.buffer.ts';

export const WINDOW_MS = 6 * 3600_000;
/** 5.4 s: the six hours fit in the buffer's MAX_POINTS whatever the gauges' rate */
const STEP_MS = stepFor(WINDOW_MS);

type Buffers = Readonly<Record<string, readonly SeriesPoint[]>>;

/**
 * A rolling 6-hour buffer per water-level station: seeded from /api/v1/history, then appended
 * from the station cells of every applied delta. After a reconnect the history is read again
 * for a window ending now, so the hole left by the outage fills in.
 *
 * The buffers change in place (SeriesBuffer: a live point costs O(1), no copy of the series): they live in a ref, and
 * the state is a version counter, bumped after each change; the record returned is new at each version, its arrays are
 * the buffers' own (the chart passes them to ECharts as they are, and ECharts copies them in setOption).
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

  const store = useRef(new Map<string, SeriesBuffer>());
  const [version, setVersion] = useState(0);
  const bufferOf = (id: string) => {
    let b = store.current.get(id);
    if (!b) store.current.set(id, (b = new SeriesBuffer(STEP_MS)));
    return b;
  };

  const loadedStamp = histories.map((h) => h.dataUpdatedAt).join('|');
  useEffect(() => {
    let changed = false;
    const from = client.serverNow() - WINDOW_MS;
    histories.forEach(({ data }, i) => {
      const id = stations[i]?.id;
      if (!data || !id) return;
      const points: SeriesPoint[] = [];
      for (const p of data.points) if (typeof p.value === 'number') points.push([p.t, p.value]);
      if (bufferOf(id).merge(points, from)) changed = true;
    });
    if (changed) setVersion((v) => v + 1);
  }, [client, stations, loadedStamp]); // `histories` is a new array on every render; its load times are not

  useEffect(() => {
    const ids = new Set(stations.map((s) => s.id));
    return client.onCells((_scope, cells) => {
      const from = client.serverNow() - WINDOW_MS;
      let changed = false;
      for (const c of cells) {
        if (c.station === null || !ids.has(c.station) || c.indicator !== 'water_level' || typeof c.value !== 'number') continue;
        if (bufferOf(c.station).add(c.observedAt, c.value, from)) changed = true;
      }
      if (changed) setVersion((v) => v + 1);
    });
  }, [client, stations]);

  const buffers = useMemo((): Buffers => {
    const out: Record<string, readonly SeriesPoint[]> = {};
    for (const [id, b] of store.current) out[id] = b.points;
    return out;
  }, [version]); // the buffers change in place: the version stands for them

  return buffers;
}
