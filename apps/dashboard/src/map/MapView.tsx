import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang, useScopeCells } from '../app/hooks.ts';
import { homeScope } from '../app/home-scope.ts';
import { useUiScale } from '../app/ui-scale.ts';
import { areaCell, observedAtOf, valueOf } from '../cells/cells.ts';
import { formatObservedAt, readableTextColor } from '../format/format.ts';
import { boundaryKind, cityBounds, relativeArea, splitGeo } from '../geo/geo-features.ts';
import { indexUnits, unitDisplayName } from '../geo/units.ts';
import { referenceStation } from '../panels/water-level/water-level.model.ts';
import { areasQuery, geoAreasQuery, GEO_REFRESH_MS } from '../queries/geo.queries.ts';
import { useThrottledValue } from '../lib/useThrottledValue.ts';
import { useClock } from '../realtime/RealtimeProvider.tsx';
import { applyLayerSpec } from './apply-layer-spec.ts';
import { useMapInstance } from './useMapInstance.ts';
import { labelPointAvoiding } from './label-points.ts';
import { buildGraticuleLayer } from './layers/graticule/graticule.layer.ts';
import { buildRiverLayer } from './layers/river/river.layer.ts';
import { buildStationPoints, buildStationsLayer } from './layers/stations/stations.layer.ts';
import { buildTrafficLayer, buildTrafficSegments } from './layers/traffic/traffic.layer.ts';
import { buildUnitsLayer, unitStates, UNITS_SOURCE } from './layers/units/units.layer.ts';
import { DEFAULT_MAP_KPI, mapKpiScale } from './map-kpi.ts';
import { MapLegend } from './MapLegend.tsx';
import { rankUnits, topAndBottom } from './unit-ranking.ts';
import { UnitRanking } from './UnitRanking.tsx';
import { useMapLabels, type PlacedLabel } from './useMapLabels.ts';
import { useMapPopups, type UnitInfo } from './useMapPopups.ts';
import { useUnitDirective } from './useUnitDirective.tsx';

/**
 * How often at most the map redraws for new data. A server tick (250 ms by default) may change a
 * few units; a repaint of the wall's map costs far more than the other panels' updates (about
 * 150 ms in a software-rendered browser), so the map gathers the ticks of a second into one.
 */
export const MAP_REFRESH_MS = 1000;

/** Units named in the rankings above and below the map. */
// three best and three worst: at the wall's type size (≥ 18 px) more rows push the legend off the map
const RANKED = 3;
/** Overlays on the map that labels keep clear of. */
const OVERLAYS = '.map-head, .map-side > *';

/**
 * The operations map: today's units coloured by a KPI (the on-time rate) with a legend, the best
 * and the worst units named beside it, labels that never collide, the river, road segments by
 * speed and the live stations. Framed on the city's outline. Units, names and shapes come from
 * the server (GET /api/v1/areas, /api/v1/geo/areas): no count or code is assumed here.
 */
export function MapView() {
  const { t } = useTranslation();
  const lang = useLang();
  const scale = useUiScale();
  const { index, timeZone } = useCatalogue();
  const geo = useQuery({ ...geoAreasQuery(), refetchInterval: GEO_REFRESH_MS });
  const areas = useQuery(areasQuery());
  // the session's home unit (the city, or a scoped user's unit): the server sends only the shapes it may see.
  // The map follows the live cells at most once per MAP_REFRESH_MS (colours, labels and rankings
  // together); the link's state (offline, stale) is not delayed.
  const { cells: liveCells } = useScopeCells(homeScope());
  const cells = useThrottledValue(liveCells, MAP_REFRESH_MS);
  const { now, offline } = useClock();
  const container = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLElement>(null);
  const side = useRef<HTMLElement>(null);

  // The map is created once, when the catalogue first arrives; later catalogue reads do not move it.
  const { map, loaded } = useMapInstance(container, index?.catalogue.city, 'map');

  const split = useMemo(() => splitGeo(geo.data), [geo.data]);
  const names = useMemo(() => indexUnits(areas.data), [areas.data]);
  const kpi = index?.indicator(DEFAULT_MAP_KPI);
  const values = useMemo(() => new Map(split.units.map((u) => [u.code, valueOf(areaCell(cells, u.code, DEFAULT_MAP_KPI))])), [split, cells]);
  const scaleOf = useMemo(() => mapKpiScale(kpi, values.values(), lang), [kpi, values, lang]);
  const fullName = useCallback((code: string, fallback: string) => (names.get(code) ? names.name(code, lang) : fallback), [names, lang]);

  const points = useMemo(
    () => (index ? buildStationPoints({ catalogue: index, cells, now, offline, lang, timeZone }) : []),
    [index, cells, now, offline, lang, timeZone],
  );
  const segments = useMemo(
    () => (index ? buildTrafficSegments({ catalogue: index, cells, now, offline, lang, timeZone }) : []),
    [index, cells, now, offline, lang, timeZone],
  );
  const bounds = useMemo(() => cityBounds(split), [split]);

  // Layers, bottom to top. Each spec is pure; applyLayerSpec pushes only what changed. The specs
  // with geometry are built once per geometry (a delta never re-sends polygons to the map's
  // worker); a new value only changes the feature state (the fill colour) of the units it recolours.
  const graticule = useMemo(() => (bounds ? buildGraticuleLayer({ bounds, step: 0.1, scale }) : null), [bounds, scale]);
  const unitShapes = useMemo(() => buildUnitsLayer({ units: split.units, outline: split.outline, stale: offline, scale }), [split, offline, scale]);
  const river = useMemo(() => (geo.data ? buildRiverLayer({ geo: geo.data, scale }) : null), [geo.data, scale]);
  const fills = useMemo(() => unitStates(split.units, values, scaleOf.colorOf), [split, values, scaleOf]);
  useEffect(() => {
    if (!map || !loaded || !graticule || !river) return;
    applyLayerSpec(map, graticule);
    applyLayerSpec(map, { ...unitShapes, featureStates: { [UNITS_SOURCE]: fills } });
    applyLayerSpec(map, river);
  }, [map, loaded, graticule, unitShapes, fills, river]);
  useEffect(() => {
    if (!map || !loaded) return;
    applyLayerSpec(map, buildTrafficLayer({ segments, scale }));
    applyLayerSpec(map, buildStationsLayer({ points, scale }));
  }, [map, loaded, points, segments, scale]);

  // Frame the whole city (its outline) in the panel, now and whenever the panel changes size.
  useEffect(() => {
    if (!map || !loaded || !bounds || !container.current) return;
    const fit = () => {
      map.resize();
      const s = window.innerWidth / 1920;
      // the rankings and the legend stand in a column on the right: the city is framed beside them
      const right = (side.current?.offsetWidth ?? 0) + 36 * s;
      map.fitBounds(bounds, { padding: { top: 84 * s, bottom: 24 * s, left: 24 * s, right }, animate: false });
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(container.current);
    return () => ro.disconnect();
  }, [map, loaded, bounds]);

  // Unit names go where no station marker sits; computed once per geometry and station set.
  const labelAt = useMemo(() => {
    const at = new Map<string, [number, number]>();
    const stations = index?.catalogue.stations.map((s) => s.location) ?? [];
    for (const u of split.units) {
      const p = labelPointAvoiding(u.feature.geometry, stations);
      if (p) at.set(u.code, p);
    }
    return at;
  }, [split, index]);
  const sizeOf = useMemo(() => new Map(split.units.map((u) => [u.code, relativeArea(u.feature.geometry)])), [split]);

  const ranking = useMemo(() => {
    const rows = rankUnits(
      split.units.map((u) => ({ code: u.code, name: fullName(u.code, u.name), rate: values.get(u.code) ?? null })),
      kpi?.decimals ?? 1,
      lang,
      scaleOf.colorOf,
    );
    return topAndBottom(rows, RANKED);
  }, [split, fullName, values, kpi, lang, scaleOf]);

  const labels = useMemo((): PlacedLabel[] => {
    const out: PlacedLabel[] = [];
    const ranked = new Set([...ranking.top, ...ranking.bottom].map((r) => r.code));
    const maxSize = Math.max(1e-12, ...sizeOf.values());
    for (const u of split.units) {
      const at = labelAt.get(u.code);
      if (!at) continue;
      out.push({
        id: `u-${u.code}`,
        lngLat: at,
        className: offline ? 'map-label-unit stale' : 'map-label-unit',
        lines: [
          { text: names.get(u.code) ? names.shortName(u.code, lang) : u.name, className: 'lbl-name' },
          { text: scaleOf.format(values.get(u.code) ?? null), className: 'lbl-value' },
        ],
        anchor: 'center',
        offset: [0, 0],
        // ranked units first, then the largest
        priority: (ranked.has(u.code) ? 2 : 1) + (sizeOf.get(u.code) ?? 0) / maxSize,
      });
    }
    for (const p of points) {
      const stale = p.stale ? ' stale' : '';
      const air = p.kind === 'air';
      out.push({
        id: `s-${p.id}`,
        lngLat: p.lngLat,
        className: air ? `map-label-aqi${stale}` : `map-label-station${stale}`,
        lines: air
          ? [{ text: p.valueText, className: 'lbl-value' }]
          : [
              { text: p.valueText, className: 'lbl-value' },
              { text: p.value === null ? '' : p.unit, className: 'lbl-unit' },
            ],
        anchor: air ? 'center' : 'left',
        offset: air ? [0, 0] : [15 * scale, 0],
        color: p.color,
        textColor: air ? readableTextColor(p.color) : null,
        // live stations before unit names
        priority: air ? 5 : 4,
      });
    }
    return out;
  }, [split, labelAt, sizeOf, names, lang, values, scaleOf, points, ranking, offline, scale]);
  useMapLabels(map, loaded, labels, { scale, panel, blockedSelector: OVERLAYS });

  const unitInfo = useMemo(
    (): UnitInfo[] =>
      split.units.map((u) => {
        const unit = names.get(u.code);
        return {
          code: u.code,
          name: fullName(u.code, u.name),
          subtitle: unit ? `${unit.type} · ${u.code}` : u.code,
          valueLabel: kpi?.name[lang] ?? DEFAULT_MAP_KPI,
          valueText: scaleOf.format(values.get(u.code) ?? null),
          updated: formatObservedAt(observedAtOf(areaCell(cells, u.code, DEFAULT_MAP_KPI)), now, timeZone),
        };
      }),
    [split, names, fullName, lang, kpi, scaleOf, values, cells, now, timeZone],
  );
  useMapPopups(map, loaded, { points, segments, units: unitInfo, t, offline });
  const directive = useUnitDirective(map, loaded, unitInfo);

  const reference = index ? referenceStation(index) : null;
  const kind = boundaryKind(split.units);
  const root = names.root();
  return (
    <section ref={panel} className={offline ? 'panel map-panel stale' : 'panel map-panel'}>
      <div
        ref={container}
        className="map-canvas"
        data-testid="map"
        data-loaded={loaded ? 'true' : undefined}
        data-units={split.units.length}
        data-boundaries={kind ?? undefined}
      />
      <div className="map-head">
        <h2 className="panel-title">{t('map.heading')}</h2>
        <div className="panel-note">{t('map.subheading', { count: split.units.length, indicator: kpi?.name[lang] ?? '' })}</div>
      </div>
      {geo.isError && <div className="map-error">{t('map.geoError')}</div>}
      <aside ref={side} className="map-side">
        {ranking.ranked > 0 && <UnitRanking ranking={ranking} title={kpi?.name[lang] ?? ''} stale={offline} />}
        <MapLegend
          lang={lang}
          kpiTitle={kpi?.name[lang] ?? ''}
          kpiRows={scaleOf.legend}
          waterBands={reference?.bands ?? []}
          aqiBands={index?.indicator('aqi')?.bands ?? []}
        />
        <div className="map-caption" data-testid="map-caption">
          {kind === 'schematic' || kind === null
            ? t('map.captionSchematic', { count: split.units.length, city: root ? unitDisplayName(root, lang) : '' })
            : t(kind === 'mixed' ? 'map.captionMixed' : 'map.captionImported', { count: split.units.length })}
        </div>
      </aside>
      {directive}
    </section>
  );
}
