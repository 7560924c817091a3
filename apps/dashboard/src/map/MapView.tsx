import { useQuery } from '@tanstack/react-query';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang, useScopeCells } from '../app/hooks.ts';
import { homeScope } from '../app/home-scope.ts';
import { useUiScale } from '../app/ui-scale.ts';
import { runtimeConfig } from '../config.ts';
import { formatObservedAt, formatPercent, readableTextColor } from '../format/format.ts';
import { areaCell, observedAtOf, valueOf } from '../cells/cells.ts';
import { geoAreasQuery } from '../queries/geo.queries.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { referenceStation } from '../panels/water-level/water-level.model.ts';
import { applyLayerSpec } from './apply-layer-spec.ts';
import { buildOfflineStyle } from './base-style.ts';
import { buildDistrictsLayer, DISTRICTS_FILL, geoBounds, labelPointAvoiding } from './layers/districts/districts.layer.ts';
import { buildGraticuleLayer } from './layers/graticule/graticule.layer.ts';
import { buildRiverLayer } from './layers/river/river.layer.ts';
import { buildTrafficLayer, buildTrafficSegments, TRAFFIC_LINES, type TrafficSegment } from './layers/traffic/traffic.layer.ts';
import { AIR_STATIONS, buildStationPoints, buildStationsLayer, WATER_STATIONS, type StationPoint } from './layers/stations/stations.layer.ts';
import { syncLabels, type MapLabel } from './map-labels.ts';
import { MapLegend } from './MapLegend.tsx';
import { DistrictRanking } from './DistrictRanking.tsx';
import { rankDistricts } from './district-ranking.ts';
import { popupContent } from './popup-content.ts';

// Without this the worker cannot be found in the bundle and the map stays empty.
maplibregl.setWorkerUrl(workerUrl);

interface DistrictInfo {
  code: string;
  name: string;
  kind: string;
  rate: number | null;
  rateText: string;
  updated: string | null;
}

/** The operations map: schematic districts coloured by on-time rate, the river, road segments by speed, and live stations. */
export function MapView() {
  const { t } = useTranslation();
  const lang = useLang();
  const scale = useUiScale();
  const { index, timeZone } = useCatalogue();
  const geo = useQuery(geoAreasQuery());
  const home = homeScope();
  const { cells } = useScopeCells(home);
  const { now, offline } = useClock();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const markers = useRef(new Map<string, maplibregl.Marker>());

  // The map is created once, when the catalogue first arrives; later catalogue reads do not move it.
  const city = useRef(index?.catalogue.city);
  city.current ??= index?.catalogue.city;
  const hasCity = index !== null;
  useEffect(() => {
    const view = city.current;
    if (!hasCity || !view || !container.current) return;
    const cfg = runtimeConfig();
    const m = new maplibregl.Map({
      container: container.current,
      style: cfg.basemapStyleUrl ?? buildOfflineStyle(),
      center: view.center,
      zoom: view.zoom,
      attributionControl: cfg.basemapStyleUrl ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    });
    m.on('load', () => setLoaded(true));
    setMap(m);
    if (window.__ioc) window.__ioc.map = m;
    const labels = markers.current;
    return () => {
      labels.clear();
      m.remove();
      setMap(null);
      setLoaded(false);
    };
  }, [hasCity]);

  const districts = useMemo((): DistrictInfo[] => {
    if (!index) return [];
    const indicator = index.indicator('dossiers_on_time_rate');
    // the units under the home scope (the city's districts), or the home unit itself when it has none in the catalogue
    const children = index.catalogue.areas.filter((a) => a.parent === home);
    return (children.length > 0 ? children : index.catalogue.areas.filter((a) => a.code === home)).map((a) => {
      const c = areaCell(cells, a.code, 'dossiers_on_time_rate');
      const rate = valueOf(c);
      return {
        code: a.code,
        name: a.name,
        kind: a.kind,
        rate,
        rateText: formatPercent(rate, indicator?.decimals ?? 1, lang),
        updated: formatObservedAt(observedAtOf(c), now, timeZone),
      };
    });
  }, [index, cells, lang, now, timeZone, home]);

  const points = useMemo(
    () => (index ? buildStationPoints({ catalogue: index, cells, now, offline, lang, timeZone }) : []),
    [index, cells, now, offline, lang, timeZone],
  );

  const segments = useMemo(
    () => (index ? buildTrafficSegments({ catalogue: index, cells, now, offline, lang, timeZone }) : []),
    [index, cells, now, offline, lang, timeZone],
  );

  const bounds = useMemo(() => (geo.data ? geoBounds(geo.data) : null), [geo.data]);

  // Layers, bottom to top. Each spec is pure; applyLayerSpec pushes only what changed.
  const rates = useMemo(() => new Map(districts.map((d) => [d.code, d.rate])), [districts]);
  useEffect(() => {
    if (!map || !loaded || !geo.data || !bounds) return;
    applyLayerSpec(map, buildGraticuleLayer({ bounds, step: 0.1, scale }));
    applyLayerSpec(map, buildDistrictsLayer({ geo: geo.data, rates, stale: offline, scale }));
    applyLayerSpec(map, buildRiverLayer({ geo: geo.data, scale }));
  }, [map, loaded, geo.data, bounds, rates, offline, scale]);
  useEffect(() => {
    if (!map || !loaded) return;
    // road segments under the station circles
    applyLayerSpec(map, buildTrafficLayer({ segments, scale }));
    applyLayerSpec(map, buildStationsLayer({ points, scale }));
  }, [map, loaded, points, segments, scale]);

  // Fit the city to the panel, now and whenever the panel changes size.
  useEffect(() => {
    if (!map || !loaded || !bounds || !container.current) return;
    const fit = () => {
      map.resize();
      const s = window.innerWidth / 1920;
      map.fitBounds(bounds, { padding: { top: 120 * s, bottom: 170 * s, left: 40 * s, right: 60 * s }, animate: false });
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(container.current);
    return () => ro.disconnect();
  }, [map, loaded, bounds]);

  // District names go where no station marker sits; computed once per geometry and station set.
  const districtLabelAt = useMemo(() => {
    const at = new Map<string, [number, number]>();
    if (!geo.data || !index) return at;
    const stations = index.catalogue.stations.map((s) => s.location);
    for (const f of geo.data.features) {
      const code = f.properties?.code;
      const p = typeof code === 'string' ? labelPointAvoiding(f.geometry, stations) : null;
      if (p) at.set(code as string, p);
    }
    return at;
  }, [geo.data, index]);

  // Labels as HTML overlays.
  useEffect(() => {
    if (!map || !loaded) return;
    const labels: MapLabel[] = [];
    for (const d of districts) {
      const at = districtLabelAt.get(d.code);
      if (!at) continue;
      labels.push({
        id: `d-${d.code}`,
        lngLat: at,
        className: offline ? 'map-label-district stale' : 'map-label-district',
        lines: [
          { text: d.name, className: 'lbl-name' },
          { text: d.rateText, className: 'lbl-value' },
        ],
        anchor: 'center',
        offset: [0, 0],
      });
    }
    for (const p of points) {
      const stale = p.stale ? ' stale' : '';
      if (p.kind === 'air') {
        // The AQI sits in a disc of its VN_AQI colour, over the station's circle.
        labels.push({
          id: `s-${p.id}`,
          lngLat: p.lngLat,
          className: `map-label-aqi${stale}`,
          lines: [{ text: p.valueText, className: 'lbl-value' }],
          anchor: 'center',
          offset: [0, 0],
          color: p.color,
          textColor: readableTextColor(p.color),
        });
      } else {
        labels.push({
          id: `s-${p.id}`,
          lngLat: p.lngLat,
          className: `map-label-station${stale}`,
          lines: [
            { text: p.valueText, className: 'lbl-value' },
            { text: p.value === null ? '' : p.unit, className: 'lbl-unit' },
          ],
          anchor: 'left',
          offset: [15 * scale, 0],
          color: p.color,
        });
      }
    }
    syncLabels(map, markers.current, labels);
  }, [map, loaded, districts, districtLabelAt, points, offline, scale]);

  // Hover popups; the handlers read the latest data through refs.
  const latest = useRef({ points, segments, districts, t, offline });
  latest.current = { points, segments, districts, t, offline };
  useEffect(() => {
    if (!map || !loaded) return;
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'ioc-popup', maxWidth: 'none', offset: 14 });
    const onStation = (e: maplibregl.MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      const { points: pts, t: tr } = latest.current;
      const p: StationPoint | undefined = pts.find((x) => x.id === id);
      if (!p) return;
      map.getCanvas().style.cursor = 'pointer';
      const notes: string[] = [];
      if (p.demoThresholds) notes.push(tr('map.demoThresholds'));
      notes.push(p.updated ? tr('fresh.updated', { time: p.updated }) : tr('fresh.none'));
      if (p.stale) notes.push(tr('map.staleStation'));
      popup
        .setLngLat(p.lngLat)
        .setDOMContent(
          popupContent({
            title: p.name,
            rows: [
              { label: p.indicatorName, value: `${p.valueText} ${p.value === null ? '' : p.unit}`.trim() },
              ...(p.bandLabel ? [{ label: '', value: p.bandLabel, color: p.stale ? null : p.color }] : []),
            ],
            notes,
            stale: p.stale,
          }),
        )
        .addTo(map);
    };
    const onSegment = (e: maplibregl.MapLayerMouseEvent) => {
      // A station under the pointer wins over the road segment.
      if (map.queryRenderedFeatures(e.point, { layers: [WATER_STATIONS, AIR_STATIONS] }).length > 0) return;
      const id = e.features?.[0]?.properties?.id as string | undefined;
      const { segments: segs, t: tr } = latest.current;
      const g: TrafficSegment | undefined = segs.find((x) => x.id === id);
      if (!g) return;
      map.getCanvas().style.cursor = 'pointer';
      const notes = [tr('map.trafficIllustrative'), g.updated ? tr('fresh.updated', { time: g.updated }) : tr('fresh.none')];
      if (g.stale) notes.push(tr('map.staleStation'));
      popup
        .setLngLat(e.lngLat)
        .setDOMContent(
          popupContent({
            title: g.name,
            rows: [
              { label: g.speedName, value: `${g.speedText} ${g.speed === null ? '' : g.speedUnit}`.trim() },
              { label: g.intensityName, value: `${g.intensityText} ${g.intensityText === '—' ? '' : g.intensityUnit}`.trim() },
              ...(g.classLabel ? [{ label: '', value: g.classLabel, color: g.stale ? null : g.color }] : []),
            ],
            notes,
            stale: g.stale,
          }),
        )
        .addTo(map);
    };
    const onDistrict = (e: maplibregl.MapLayerMouseEvent) => {
      // A station or road segment under the pointer wins over the district around it.
      if (map.queryRenderedFeatures(e.point, { layers: [WATER_STATIONS, AIR_STATIONS, TRAFFIC_LINES] }).length > 0) return;
      const code = e.features?.[0]?.properties?.code as string | undefined;
      const { districts: ds, t: tr, offline: off } = latest.current;
      const d = ds.find((x) => x.code === code);
      if (!d) return;
      popup
        .setLngLat(e.lngLat)
        .setDOMContent(
          popupContent({
            title: d.name,
            subtitle: d.kind,
            rows: [{ label: tr('map.onTime'), value: d.rateText }],
            notes: [d.updated ? tr('fresh.updated', { time: d.updated }) : tr('fresh.none')],
            stale: off,
          }),
        )
        .addTo(map);
    };
    const leave = () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    };
    map.on('mousemove', [WATER_STATIONS, AIR_STATIONS], onStation);
    map.on('mouseleave', [WATER_STATIONS, AIR_STATIONS], leave);
    map.on('mousemove', TRAFFIC_LINES, onSegment);
    map.on('mouseleave', TRAFFIC_LINES, leave);
    map.on('mousemove', DISTRICTS_FILL, onDistrict);
    map.on('mouseleave', DISTRICTS_FILL, leave);
    return () => {
      map.off('mousemove', [WATER_STATIONS, AIR_STATIONS], onStation);
      map.off('mouseleave', [WATER_STATIONS, AIR_STATIONS], leave);
      map.off('mousemove', TRAFFIC_LINES, onSegment);
      map.off('mouseleave', TRAFFIC_LINES, leave);
      map.off('mousemove', DISTRICTS_FILL, onDistrict);
      map.off('mouseleave', DISTRICTS_FILL, leave);
      popup.remove();
    };
  }, [map, loaded]);

  const reference = index ? referenceStation(index) : null;
  const ranking = useMemo(() => rankDistricts(districts, index?.indicator('dossiers_on_time_rate')?.decimals ?? 1, lang), [districts, index, lang]);
  return (
    <section className={offline ? 'panel map-panel stale' : 'panel map-panel'}>
      <div ref={container} className="map-canvas" data-testid="map" data-loaded={loaded ? 'true' : undefined} />
      <div className="map-head">
        <h2 className="panel-title">{t('map.heading')}</h2>
        <div className="panel-note">{t('map.subheading')}</div>
      </div>
      {geo.isError && <div className="map-error">{t('map.geoError')}</div>}
      {ranking.length > 0 && <DistrictRanking rows={ranking} stale={offline} />}
      <MapLegend lang={lang} waterBands={reference?.bands ?? []} aqiBands={index?.indicator('aqi')?.bands ?? []} />
      <div className="map-caption">{t('map.caption')}</div>
    </section>
  );
}
