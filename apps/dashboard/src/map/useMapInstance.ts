import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { noteRecovery } from '../realtime/recovery-notes.ts';
import { watchdogDebug } from '../realtime/useWallWatchdog.ts';
import { mapContextStep, WATCHDOG_DEFAULTS } from '../realtime/watchdog.ts';
import { useBasemap } from './basemap-loader.ts';
import { createMap, type MapStartView } from './create-map.ts';

/**
 * A MapLibre map in `container`, created once its first view is known (later views do not re-create
 * it), with the basemap loaded on it, removed with the component. `setup` adds the page's own
 * listeners; `debugName` exposes the map on window.__ioc for browser tests.
 *
 * A lost WebGL context (GPU reset, driver, too many contexts) that the browser does not restore
 * within the watchdog's grace period has the map re-created in the same container (the page's
 * layers follow the new map), and the wall notes that it recovered.
 */
export function useMapInstance(
  container: RefObject<HTMLElement | null>,
  view: MapStartView | undefined,
  debugName: 'map' | 'explorerMap',
  setup?: (map: maplibregl.Map) => void,
): { map: maplibregl.Map | null; loaded: boolean } {
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [generation, setGeneration] = useState(0);
  const first = useRef(view);
  first.current ??= view;
  const onCreate = useRef(setup);
  const hasView = view !== undefined;
  useEffect(() => {
    const v = first.current;
    if (!v || !container.current) return;
    const m = createMap(container.current, v);
    m.on('load', () => {
      setLoaded(true);
      if (generation > 0) noteRecovery('map', Date.now());
    });
    let graceTimer: ReturnType<typeof setTimeout> | null = null;
    const lost = { lostAt: null as number | null };
    m.on('webglcontextlost', () => {
      lost.lostAt = Date.now();
      graceTimer = setTimeout(() => {
        if (mapContextStep(lost, Date.now()) !== 'recreate') return;
        watchdogDebug().mapRecreations++;
        console.warn('[watchdog] the map lost its WebGL context: re-creating it');
        setGeneration((g) => g + 1);
      }, WATCHDOG_DEFAULTS.mapGraceMs);
    });
    m.on('webglcontextrestored', () => {
      lost.lostAt = null;
    });
    onCreate.current?.(m);
    setMap(m);
    if (window.__ioc) window.__ioc[debugName] = m;
    return () => {
      if (graceTimer) clearTimeout(graceTimer);
      m.remove();
      setMap(null);
      setLoaded(false);
    };
  }, [hasView, container, debugName, generation]);
  useBasemap(map, loaded);
  return { map, loaded };
}
