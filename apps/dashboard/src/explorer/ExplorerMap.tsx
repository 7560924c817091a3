import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { runtimeConfig } from '../config.ts';
import { applyLayerSpec } from '../map/apply-layer-spec.ts';
import { buildOfflineStyle } from '../map/base-style.ts';
import { geoBounds } from '../map/layers/districts/districts.layer.ts';
import { buildRiverLayer } from '../map/layers/river/river.layer.ts';
import type { LayerSpec } from '../map/layers/layer-spec.ts';
import type { AreasGeoJson } from '../queries/geo.queries.ts';
import { EXPLORER_FILL } from './explorer-map.layer.ts';

maplibregl.setWorkerUrl(workerUrl);

/** The explorer's map: binds the pure choropleth spec; a click on an area drills into it. */
export function ExplorerMap({
  geo,
  spec,
  center,
  zoom,
  onSelect,
  label,
}: {
  geo: AreasGeoJson;
  spec: LayerSpec;
  center: [number, number];
  zoom: number;
  onSelect: (code: string) => void;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const cfg = runtimeConfig();
    const m = new maplibregl.Map({
      container: el.current!,
      style: cfg.basemapStyleUrl ?? buildOfflineStyle(),
      center,
      zoom,
      attributionControl: cfg.basemapStyleUrl ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    m.on('load', () => setLoaded(true));
    m.on('click', EXPLORER_FILL, (e) => {
      const code = e.features?.[0]?.properties?.code;
      if (typeof code === 'string') select.current(code);
    });
    m.on('mouseenter', EXPLORER_FILL, () => (m.getCanvas().style.cursor = 'pointer'));
    m.on('mouseleave', EXPLORER_FILL, () => (m.getCanvas().style.cursor = ''));
    setMap(m);
    return () => {
      m.remove();
      setMap(null);
      setLoaded(false);
    };
    // created once; the view follows the data below
  }, []);

  useEffect(() => {
    if (!map || !loaded) return;
    applyLayerSpec(map, spec);
    applyLayerSpec(map, buildRiverLayer({ geo, scale: 1 }));
  }, [map, loaded, spec, geo]);

  useEffect(() => {
    if (!map || !loaded || !el.current) return;
    const b = geoBounds(geo);
    if (!b) return;
    const fit = () => {
      map.resize();
      map.fitBounds(b, { padding: 24, animate: false });
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el.current);
    return () => ro.disconnect();
  }, [map, loaded, geo]);

  return <div ref={el} className="ex-map" role="img" aria-label={label} data-testid="explorer-map" data-loaded={loaded ? 'true' : 'false'} />;
}
