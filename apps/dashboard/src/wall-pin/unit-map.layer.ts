import type { UnitFeature } from '../geo/geo-features.ts';
import { buildExplorerLayer, mapFrame } from '../explorer/explorer-map.layer.ts';
import type { LayerSpec } from '../map/layers/layer-spec.ts';

/**
 * Pure: the map of a unit pinned on the wall (or an alert's unit): the unit among its siblings, every one of them drawn
 * (no indicator: the "no data" fill, outlined), the unit itself in the bright outline, framed on the unit.
 *
 * The explorer's choropleth draws only the areas it has a value for (`values`); the pinned map once passed none, so its
 * source was empty and the wall showed a dark map (stop 22). Each framed area is given here, without a value.
 */
export function unitMapLayer(units: readonly UnitFeature[], code: string): { spec: LayerSpec; focus: ReturnType<typeof mapFrame>['focus'] } {
  const own = units.find((u) => u.code === code);
  // a unit without a shape: nothing drawn (not its parent's other children)
  const siblings = own ? units.filter((u) => u.parent === own.parent).map((u) => u.code) : [];
  const frame = mapFrame({ area: code, isRoot: false, childCodes: [], siblingCodes: siblings, units, cityBounds: null });
  const drawn = new Set(frame.codes);
  const spec = buildExplorerLayer({
    units: units.filter((u) => drawn.has(u.code)),
    values: new Map(frame.codes.map((c) => [c, null])),
    selected: new Set([code]),
    direction: 'none',
    scale: 1.5,
  });
  return { spec, focus: frame.focus };
}
