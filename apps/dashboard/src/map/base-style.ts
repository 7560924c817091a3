import type { StyleSpecification } from 'maplibre-gl';

export const MAP_BACKGROUND = '#070d1a';

/**
 * The default style: built in code from nothing but a background, so the wall works with no
 * internet and no tile or glyph server. Our own layers (districts, river, stations) are added on
 * top once the map has loaded; text is drawn as HTML overlays because there are no glyphs.
 */
export function buildOfflineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'CityIOC offline',
    sources: {},
    layers: [{ id: 'ioc-background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } }],
  };
}
