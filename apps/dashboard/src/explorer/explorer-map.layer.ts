import { boundsOf, type Bounds, type UnitFeature } from '../geo/geo-features.ts';
import { geoSource, type GeoFeature, type LayerSpec } from '../map/layers/layer-spec.ts';
import { SEQUENTIAL_PALETTE, UI } from '../theme/theme.ts';

export const EXPLORER_SOURCE = 'ioc-explorer-areas';
export const EXPLORER_FILL = 'ioc-explorer-fill';
export const EXPLORER_OUTLINE = 'ioc-explorer-outline';

export type Direction = 'up' | 'down' | 'none';

/** The class colour of a value within [min, max] (equal intervals; one value: the middle class); 'down' indicators (pollution, overdue) run the other way. */
export function explorerColor(value: number | null | undefined, min: number, max: number, direction: Direction = 'up'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return UI.noDataArea;
  const n = SEQUENTIAL_PALETTE.length;
  let i = max > min ? Math.min(n - 1, Math.floor(((value - min) / (max - min)) * n)) : Math.floor(n / 2);
  if (direction === 'down') i = n - 1 - i;
  return SEQUENTIAL_PALETTE[i]!;
}

export interface ExplorerAreaProps {
  code: string;
  name: string;
  value: number | null;
  color: string;
  selected: boolean;
}

export interface ExplorerLayerInput {
  units: readonly UnitFeature[];
  /** The value per area drawn; areas not in the map are not drawn. */
  values: ReadonlyMap<string, number | null>;
  /** Units compared side by side, and the unit the drill-down stands on: a bright outline. */
  selected: ReadonlySet<string>;
  direction: Direction;
  scale: number;
}

/** Pure: the areas being explored coloured by the chosen indicator (a choropleth), compared units outlined. */
export function buildExplorerLayer(input: ExplorerLayerInput): LayerSpec & { range: [number, number] | null } {
  const present = [...input.values.values()].filter((v): v is number => v !== null && Number.isFinite(v));
  const min = present.length ? Math.min(...present) : 0;
  const max = present.length ? Math.max(...present) : 0;
  const features: GeoFeature<ExplorerAreaProps>[] = [];
  for (const u of input.units) {
    const code = u.code;
    if (!input.values.has(code)) continue;
    const value = input.values.get(code) ?? null;
    features.push({
      type: 'Feature',
      properties: {
        code,
        name: u.name,
        value,
        color: explorerColor(value, min, max, input.direction),
        selected: input.selected.has(code),
      },
      geometry: u.feature.geometry,
    });
  }
  return {
    range: present.length ? [min, max] : null,
    sources: { [EXPLORER_SOURCE]: geoSource(features, 'code') },
    layers: [
      { id: EXPLORER_FILL, type: 'fill', source: EXPLORER_SOURCE, paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.78 } },
      {
        id: EXPLORER_OUTLINE,
        type: 'line',
        source: EXPLORER_SOURCE,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': ['case', ['get', 'selected'], UI.areaSelected, UI.areaOutline],
          'line-width': ['case', ['get', 'selected'], 3 * input.scale, 1.2 * input.scale],
          'line-opacity': ['case', ['get', 'selected'], 1, 0.55],
        },
      },
    ],
  };
}

export interface MapFrameInput {
  /** Where the drill-down stands. */
  area: string;
  /** The city (the root): framed on its outline. */
  isRoot: boolean;
  /** Its children that have a shape, and the children of its parent (its siblings). */
  childCodes: readonly string[];
  siblingCodes: readonly string[];
  units: readonly UnitFeature[];
  cityBounds: Bounds | null;
}

/**
 * What the explorer's map draws and where it looks. On a unit with children: the children, framed
 * on the unit. On a leaf (a commune): the unit among its siblings, framed on the unit itself, so a
 * drill city → commune zooms to the commune. The city is framed on its outline.
 */
export function mapFrame(input: MapFrameInput): { codes: string[]; focus: { code: string; bounds: Bounds } | null } {
  const shapes = new Map(input.units.map((u) => [u.code, u]));
  const own = shapes.get(input.area);
  const codes =
    input.childCodes.length > 0
      ? [...input.childCodes]
      : input.siblingCodes.length > 0
        ? [...new Set([...input.siblingCodes, input.area])].filter((c) => shapes.has(c))
        : own
          ? [input.area]
          : [];
  const drawn = codes.map((c) => shapes.get(c)?.feature).filter((f) => f !== undefined);
  const bounds = input.isRoot ? (input.cityBounds ?? boundsOf(drawn)) : own ? boundsOf([own.feature]) : boundsOf(drawn);
  return { codes, focus: bounds ? { code: input.area, bounds } : null };
}
