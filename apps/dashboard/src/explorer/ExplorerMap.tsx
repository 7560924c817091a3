import { useEffect, useRef, useState } from 'react';
import type { Bounds } from '../geo/geo-features.ts';
import { useUiScale } from '../app/ui-scale.ts';
import { applyLayerSpec } from '../map/apply-layer-spec.ts';
import { useMapLabels, type PlacedLabel } from '../map/useMapLabels.ts';
import { useMapInstance } from '../map/useMapInstance.ts';
import { buildRiverLayer } from '../map/layers/river/river.layer.ts';
import type { LayerSpec } from '../map/layers/layer-spec.ts';
import type { AreasGeoJson } from '../queries/geo.queries.ts';
import { EXPLORER_FILL } from './explorer-map.layer.ts';

const NO_LABELS: readonly PlacedLabel[] = [];

/**
 * The explorer's map: binds the pure choropleth spec; a click on an area drills into it, and the
 * view flies to the unit the drill-down stands on (`focus`: its shape's bounds, or the city's).
 * `labels` (a pinned unit's names) are placed by the wall map's labelling, without overlap.
 */
export function ExplorerMap({
  geo,
  spec,
  center,
  zoom,
  focus,
  onSelect,
  label,
  labels = NO_LABELS,
}: {
  geo: AreasGeoJson;
  spec: LayerSpec;
  center: [number, number];
  zoom: number;
  focus: { code: string; bounds: Bounds } | null;
  onSelect: (code: string) => void;
  label: string;
  labels?: readonly PlacedLabel[];
}) {
  const el = useRef<HTMLDivElement>(null);
  const scale = useUiScale();
  const [framed, setFramed] = useState<string | null>(null);
  // the view's bounds after each move, [west, south, east, north] (what a test checks the zoom with)
  const [view, setView] = useState<string | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  // created once, already framed on the unit when there is one (a unit pinned on the wall); the view follows the data below
  const { map, loaded } = useMapInstance(el, { center, zoom, bounds: focus?.bounds }, 'explorerMap', (m) => {
    m.on('click', EXPLORER_FILL, (e) => {
      const code = e.features?.[0]?.properties?.code;
      if (typeof code === 'string') select.current(code);
    });
    m.on('mouseenter', EXPLORER_FILL, () => (m.getCanvas().style.cursor = 'pointer'));
    m.on('mouseleave', EXPLORER_FILL, () => (m.getCanvas().style.cursor = ''));
    m.on('moveend', () =>
      setView(
        m
          .getBounds()
          .toArray()
          .flat()
          .map((v) => v.toFixed(5))
          .join(','),
      ),
    );
  });

  useEffect(() => {
    if (!map || !loaded) return;
    applyLayerSpec(map, spec);
    applyLayerSpec(map, buildRiverLayer({ geo, scale: 1 }));
  }, [map, loaded, spec, geo]);

  useMapLabels(map, loaded, labels, { scale, panel: el });

  // The first frame jumps; later drills fly, so the eye follows where the unit is.
  const focusKey = focus ? `${focus.code}:${focus.bounds.flat().join(',')}` : null;
  // a map created on the unit's bounds is framed from its first frame: said at once, without waiting for the style or tiles
  const createdOn = useRef(focusKey);
  useEffect(() => {
    if (map && focus && createdOn.current === focusKey) setFramed(focus.code);
    // the key stands for `focus`
  }, [map, focusKey]);
  const seen = useRef(false);
  useEffect(() => {
    if (!map || !loaded || !el.current || !focus) return;
    const fit = (animate: boolean) => {
      map.resize();
      map.fitBounds(focus.bounds, { padding: 24, maxZoom: 13, animate, duration: 500 });
    };
    const done = () => setFramed(focus.code);
    map.once('moveend', done);
    fit(seen.current);
    seen.current = true;
    const ro = new ResizeObserver(() => fit(false));
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      map.off('moveend', done);
    };
    // the key stands for `focus`
  }, [map, loaded, focusKey]);

  return (
    <div
      ref={el}
      className="ex-map"
      role="img"
      aria-label={label}
      data-testid="explorer-map"
      data-loaded={loaded ? 'true' : 'false'}
      data-focus={framed ?? undefined}
      data-bounds={view ?? undefined}
    />
  );
}
