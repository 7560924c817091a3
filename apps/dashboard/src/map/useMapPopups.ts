import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { UNITS_FILL } from './layers/units/units.layer.ts';
import { TRAFFIC_LINES, type TrafficSegment } from './layers/traffic/traffic.layer.ts';
import { AIR_STATIONS, WATER_STATIONS, type StationPoint } from './layers/stations/stations.layer.ts';
import { popupContent } from './popup-content.ts';

/** What a unit's popup says. */
export interface UnitInfo {
  code: string;
  name: string;
  subtitle: string;
  valueLabel: string;
  valueText: string;
  updated: string | null;
}

interface PopupData {
  points: readonly StationPoint[];
  segments: readonly TrafficSegment[];
  units: readonly UnitInfo[];
  t: TFunction;
  offline: boolean;
}

/**
 * Hover popups of the operations map: stations first, then road segments, then the unit under
 * the pointer. Every text goes in through popupContent (DOM text, never HTML). The handlers read
 * the latest data through a ref, so they are bound once per map.
 */
export function useMapPopups(map: maplibregl.Map | null, loaded: boolean, data: PopupData): void {
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    if (!map || !loaded) return;
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'ioc-popup', maxWidth: 'none', offset: 14 });
    const onStation = (e: maplibregl.MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id as string | undefined;
      const { points, t } = latest.current;
      const p = points.find((x) => x.id === id);
      if (!p) return;
      map.getCanvas().style.cursor = 'pointer';
      const notes: string[] = [];
      if (p.demoThresholds) notes.push(t('map.demoThresholds'));
      notes.push(p.updated ? t('fresh.updated', { time: p.updated }) : t('fresh.none'));
      if (p.stale) notes.push(t('map.staleStation'));
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
      const { segments, t } = latest.current;
      const g = segments.find((x) => x.id === id);
      if (!g) return;
      map.getCanvas().style.cursor = 'pointer';
      const notes = [t('map.trafficIllustrative'), g.updated ? t('fresh.updated', { time: g.updated }) : t('fresh.none')];
      if (g.stale) notes.push(t('map.staleStation'));
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
    const onUnit = (e: maplibregl.MapLayerMouseEvent) => {
      // A station or road segment under the pointer wins over the unit around it.
      if (map.queryRenderedFeatures(e.point, { layers: [WATER_STATIONS, AIR_STATIONS, TRAFFIC_LINES] }).length > 0) return;
      const code = e.features?.[0]?.properties?.code as string | undefined;
      const { units, t, offline } = latest.current;
      const u = units.find((x) => x.code === code);
      if (!u) return;
      popup
        .setLngLat(e.lngLat)
        .setDOMContent(
          popupContent({
            title: u.name,
            subtitle: u.subtitle,
            rows: [{ label: u.valueLabel, value: u.valueText }],
            notes: [u.updated ? t('fresh.updated', { time: u.updated }) : t('fresh.none')],
            stale: offline,
          }),
        )
        .addTo(map);
    };
    const leave = () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    };
    // the layers that answer the pointer, each with what its popup says
    const hovers = [
      { layers: [WATER_STATIONS, AIR_STATIONS], show: onStation },
      { layers: [TRAFFIC_LINES], show: onSegment },
      { layers: [UNITS_FILL], show: onUnit },
    ];
    for (const h of hovers) {
      map.on('mousemove', h.layers, h.show);
      map.on('mouseleave', h.layers, leave);
    }
    return () => {
      for (const h of hovers) {
        map.off('mousemove', h.layers, h.show);
        map.off('mouseleave', h.layers, leave);
      }
      popup.remove();
    };
  }, [map, loaded]);
}
