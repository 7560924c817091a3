import type { Lang } from '../format/format.ts';
import { relativeArea, type UnitFeature } from '../geo/geo-features.ts';
import type { UnitIndex } from '../geo/units.ts';
import { buildExplorerLayer, mapFrame } from '../explorer/explorer-map.layer.ts';
import { labelPointAvoiding } from '../map/label-points.ts';
import type { LayerSpec } from '../map/layers/layer-spec.ts';
import type { PlacedLabel } from '../map/useMapLabels.ts';

/**
 * Pure: the map of a unit pinned on the wall (or an alert's unit): the unit among its siblings, every one of them drawn
 * (no indicator: the "no data" fill, outlined), the unit itself in the bright outline, framed on the unit.
 *
 * The explorer's choropleth draws only the areas it has a value for (`values`); the pinned map once passed none, so its
 * source was empty and the wall showed a dark map (stop 22). Each framed area is given here, without a value.
 */
export function unitMapLayer(
  units: readonly UnitFeature[],
  code: string,
): { spec: LayerSpec; focus: ReturnType<typeof mapFrame>['focus']; drawn: readonly UnitFeature[] } {
  const own = units.find((u) => u.code === code);
  // a unit without a shape: nothing drawn (not its parent's other children)
  const siblings = own ? units.filter((u) => u.parent === own.parent).map((u) => u.code) : [];
  const frame = mapFrame({ area: code, isRoot: false, childCodes: [], siblingCodes: siblings, units, cityBounds: null });
  const codes = new Set(frame.codes);
  const drawn = units.filter((u) => codes.has(u.code));
  const spec = buildExplorerLayer({
    units: drawn,
    values: new Map(frame.codes.map((c) => [c, null])),
    selected: new Set([code]),
    direction: 'none',
    scale: 1.5,
  });
  return { spec, focus: frame.focus, drawn };
}

/**
 * Pure: the names on a pinned unit's map, for the wall's label placement (map/useMapLabels.ts: HTML text, no overlap):
 * each drawn unit's short name ("Cái Răng") inside its shape, the pinned unit's full name ("Phường Ninh Kiều") placed
 * first and emphasised (`is-pinned`), then its neighbours, the largest first. A unit the registry does not list keeps the
 * name its shape carries.
 */
export function unitMapLabels(drawn: readonly UnitFeature[], code: string, names: Pick<UnitIndex, 'get' | 'name' | 'shortName'>, lang: Lang): PlacedLabel[] {
  const sizes = drawn.map((u) => relativeArea(u.feature.geometry));
  const largest = Math.max(1e-12, ...sizes);
  const out: PlacedLabel[] = [];
  drawn.forEach((u, i) => {
    const at = labelPointAvoiding(u.feature.geometry, []);
    if (!at) return;
    const pinned = u.code === code;
    const listed = names.get(u.code) !== undefined;
    const text = !listed ? u.name : pinned ? names.name(u.code, lang) : names.shortName(u.code, lang);
    out.push({
      id: `u-${u.code}`,
      lngLat: at,
      className: pinned ? 'map-label-unit map-label-pin is-pinned' : 'map-label-unit map-label-pin',
      lines: [{ text, className: 'lbl-name' }],
      anchor: 'center',
      offset: [0, 0],
      priority: pinned ? 3 : 1 + sizes[i]! / largest,
    });
  });
  return out;
}
