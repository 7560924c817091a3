import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useBasemap } from './basemap-loader.ts';
import { createMap } from './create-map.ts';

/**
 * A MapLibre map in `container`, created once its first view is known (later views do not re-create
 * it), with the basemap loaded on it, removed with the component. `setup` adds the page's own
 * listeners; `debugName` exposes the map on window.__ioc for browser tests.
 */
export function useMapInstance(
  container: RefObject<HTMLElement | null>,
  view: { center: [number, number]; zoom: number } | undefined,
  debugName: 'map' | 'explorerMap',
  setup?: (map: maplibregl.Map) => void,
): { map: maplibregl.Map | null; loaded: boolean } {
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const first = useRef(view);
  first.current ??= view;
  const onCreate = useRef(setup);
  const hasView = view !== undefined;
  useEffect(() => {
    const v = first.current;
    if (!v || !container.current) return;
    const m = createMap(container.current, v);
    m.on('load', () => setLoaded(true));
    onCreate.current?.(m);
    setMap(m);
    if (window.__ioc) window.__ioc[debugName] = m;
    return () => {
      m.remove();
      setMap(null);
      setLoaded(false);
    };
  }, [hasView, container, debugName]);
  useBasemap(map, loaded);
  return { map, loaded };
}
