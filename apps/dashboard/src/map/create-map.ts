import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { runtimeConfig } from '../config.ts';
import { buildOfflineStyle } from './base-style.ts';

// Without this the worker cannot be found in the bundle and the map stays empty.
maplibregl.setWorkerUrl(workerUrl);

/** Where a map starts: the city's centre and zoom, or (`bounds`, [[west, south], [east, north]]) framed on a unit. */
export interface MapStartView {
  center: [number, number];
  zoom: number;
  bounds?: [[number, number], [number, number]] | undefined;
}

/**
 * A map of the dashboard: the deployment's own style when it set one (runtime basemapStyleUrl),
 * else the offline style built in code; a PMTiles basemap the server advertises is added on top of
 * the background by useBasemap. No rotation or pitch: the maps are plans, not scenes.
 */
export function createMap(container: HTMLElement, view: MapStartView): maplibregl.Map {
  const cfg = runtimeConfig();
  return new maplibregl.Map({
    container,
    style: cfg.basemapStyleUrl ?? buildOfflineStyle(),
    center: view.center,
    zoom: view.zoom,
    // framed on a unit from the first frame: nothing waits for the style, the sources or the tiles
    ...(view.bounds ? { bounds: view.bounds, fitBoundsOptions: { padding: 24, maxZoom: 13 } } : {}),
    attributionControl: { compact: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: 0,
  });
}
