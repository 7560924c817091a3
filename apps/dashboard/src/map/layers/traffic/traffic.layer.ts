import { freshness } from '@cityioc/domain';
import { formatNumber, formatObservedAt, unitLabel, type Lang } from '../../../format/format.ts';
import { observedAtOf, shownStale, stationCell, valueOf, type LiveViewInput } from '../../../cells/cells.ts';
import { feature, geoSource, lineLayer, ROUND_LINE, type GeoFeature, type LayerSpec } from '../layer-spec.ts';
import { UI } from '../../../theme/theme.ts';

export const TRAFFIC_SOURCE = 'ioc-traffic';
export const TRAFFIC_LINES = 'ioc-traffic-lines';

/**
 * Speed classes of a road segment, lowest first: a class applies from `from` km/h up to the next.
 * Illustrative thresholds for the demo (congested < 20, slow 20–40, free flow ≥ 40 km/h), not an
 * official standard; a city sets its own per road type.
 */
export const TRAFFIC_SPEED_CLASSES: readonly { id: string; from: number; color: string; label: Record<Lang, string> }[] = [
  { id: 'congested', from: 0, color: '#ef4444', label: { vi: 'Ùn tắc', en: 'Congested' } },
  { id: 'slow', from: 20, color: '#f59e0b', label: { vi: 'Chậm', en: 'Slow' } },
  { id: 'free', from: 40, color: '#22c55e', label: { vi: 'Thông thoáng', en: 'Free flow' } },
];

export function speedClass(speed: number | null): (typeof TRAFFIC_SPEED_CLASSES)[number] | null {
  if (speed === null) return null;
  let found = TRAFFIC_SPEED_CLASSES[0]!;
  for (const c of TRAFFIC_SPEED_CLASSES) if (speed >= c.from) found = c;
  return found;
}

/** A road segment as the map shows it: its line, speed and intensity, in its speed-class colour. */
export interface TrafficSegment {
  id: string;
  name: string;
  path: [number, number][];
  speed: number | null;
  /** the catalogue names of the two indicators, in the wall's language */
  speedName: string;
  intensityName: string;
  speedText: string;
  speedUnit: string;
  intensityText: string;
  intensityUnit: string;
  classLabel: string | null;
  /** The speed-class colour; grey when stale or without a speed. */
  color: string;
  stale: boolean;
  updated: string | null;
}

/** Pure: road-segment stations × live cells → segments, with freshness evaluated at `now`. */
export function buildTrafficSegments(input: LiveViewInput): TrafficSegment[] {
  const { catalogue, cells, lang } = input;
  const speedInd = catalogue.indicator('traffic_speed');
  const flowInd = catalogue.indicator('traffic_intensity');
  if (!speedInd) return [];
  const out: TrafficSegment[] = [];
  for (const s of catalogue.catalogue.stations) {
    if (!s.segment || s.segment.length < 2 || !s.indicators.includes('traffic_speed')) continue;
    const speedCell = stationCell(cells, s.area, s.id, 'traffic_speed');
    const flowCell = stationCell(cells, s.area, s.id, 'traffic_intensity');
    const speed = valueOf(speedCell);
    const observedAt = observedAtOf(speedCell);
    const stale = shownStale(speed, observedAt, speedInd.cadenceSec, input);
    // an intensity older than its cadence is not shown as current either
    const flowFresh = flowInd && freshness(observedAtOf(flowCell), flowInd.cadenceSec, input.now) !== 'stale';
    const flow = flowFresh && !input.offline ? valueOf(flowCell) : null;
    const cls = speedClass(speed);
    out.push({
      id: s.id,
      name: s.name,
      path: s.segment.map((p) => [p[0], p[1]]),
      speed,
      speedName: speedInd.name[lang],
      intensityName: flowInd?.name[lang] ?? 'traffic_intensity',
      speedText: formatNumber(speed, speedInd.decimals, lang),
      speedUnit: unitLabel(speedInd.unit, lang),
      intensityText: formatNumber(flow, flowInd?.decimals ?? 0, lang),
      intensityUnit: flowInd ? unitLabel(flowInd.unit, lang) : '',
      classLabel: cls?.label[lang] ?? null,
      color: speed === null ? UI.noData : stale ? UI.stale : cls!.color,
      stale,
      updated: formatObservedAt(observedAt, input.now, input.timeZone),
    });
  }
  return out;
}

/** Pure: segments → one GeoJSON line source, a dark casing and the coloured line on top. */
export function buildTrafficLayer(input: { segments: readonly TrafficSegment[]; scale: number }): LayerSpec {
  const s = input.scale;
  const features: GeoFeature[] = input.segments.map((g) =>
    feature({ id: g.id, color: g.color, stale: g.stale, hasValue: g.speed !== null }, { type: 'LineString', coordinates: g.path }),
  );
  return {
    sources: { [TRAFFIC_SOURCE]: geoSource(features, 'id') },
    layers: [
      lineLayer('ioc-traffic-casing', TRAFFIC_SOURCE, { 'line-color': UI.casing, 'line-width': 9 * s, 'line-opacity': 0.85 }, ROUND_LINE),
      lineLayer(
        TRAFFIC_LINES,
        TRAFFIC_SOURCE,
        { 'line-color': ['get', 'color'], 'line-width': 5 * s, 'line-opacity': ['case', ['get', 'stale'], 0.6, 1] },
        ROUND_LINE,
      ),
    ],
  };
}
