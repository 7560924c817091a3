import { useQuery } from '@tanstack/react-query';
import type { Protocol } from 'pmtiles';
import * as maplibregl from 'maplibre-gl';
import { useEffect } from 'react';
import { runtimeConfig } from '../config.ts';
import { catalogueQuery } from '../queries/catalogue.queries.ts';
import { getJson, HttpError } from '../queries/http.ts';
import { advertisedBasemap, BASEMAP_PREFIX, BASEMAP_SOURCE, buildBasemapLayers, vectorLayerIds, type BasemapInfo } from './basemap.ts';

/** One pmtiles protocol for the page: every map shares the archives (and their directory caches). */
let protocol: Promise<Protocol> | null = null;

/** Reads the PMTiles header and metadata (two Range requests); the pmtiles code is loaded only here. */
export async function loadBasemap(url: string): Promise<BasemapInfo> {
  const pm = await import('pmtiles');
  protocol ??= Promise.resolve().then(() => {
    const p = new pm.Protocol();
    maplibregl.addProtocol('pmtiles', p.tile);
    return p;
  });
  const p = await protocol;
  const archive = p.get(url) ?? new pm.PMTiles(url);
  p.add(archive);
  const header = await archive.getHeader();
  const metadata = await archive.getMetadata().catch(() => null);
  const raster = [pm.TileType.Png, pm.TileType.Jpeg, pm.TileType.Webp, pm.TileType.Avif].includes(header.tileType);
  if (!raster && header.tileType !== pm.TileType.Mvt) throw new Error(`basemap ${url}: tile type ${header.tileType} is not drawable`);
  const attribution = (metadata as { attribution?: unknown } | null)?.attribution;
  return {
    url,
    kind: raster ? 'raster' : 'vector',
    vectorLayers: vectorLayerIds(metadata),
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    attribution: typeof attribution === 'string' ? attribution : null,
  };
}

/** Puts the basemap under our layers (above the background), whether they were added before or after. */
export function addBasemap(map: maplibregl.Map, info: BasemapInfo): void {
  if (map.getSource(BASEMAP_SOURCE)) return;
  const { source, layers } = buildBasemapLayers(info);
  map.addSource(BASEMAP_SOURCE, source);
  const ours = () => map.getStyle().layers.find((l) => l.type !== 'background' && !l.id.startsWith(BASEMAP_PREFIX))?.id;
  for (const layer of layers) map.addLayer(layer, ours());
}

/** The basemap the server advertises: in the catalogue, else in /api/v1/config; null when none. */
export function useAdvertisedBasemap(): string | null {
  const catalogue = useQuery(catalogueQuery());
  const inCatalogue = catalogue.data ? advertisedBasemap(catalogue.data) : null;
  const config = useQuery({
    queryKey: ['config'],
    queryFn: async ({ signal }) => {
      try {
        return advertisedBasemap(await getJson<unknown>('/api/v1/config', signal)) ?? null;
      } catch (e) {
        if (e instanceof HttpError && e.status === 404) return null;
        throw e;
      }
    },
    enabled: catalogue.data !== undefined && inCatalogue === undefined,
    staleTime: Infinity,
    retry: false,
  });
  const url = inCatalogue ?? config.data ?? null;
  if (!url) return null;
  return new URL(url, `${window.location.origin}${runtimeConfig().apiBaseUrl}/`).toString();
}

/**
 * Draws the advertised basemap on a map once it has loaded, unless the deployment set a style of
 * its own (runtime basemapStyleUrl). Without one the offline style stays; a file that cannot be
 * read leaves it too (and says so on the console).
 */
export function useBasemap(map: maplibregl.Map | null, loaded: boolean): void {
  const url = useAdvertisedBasemap();
  useEffect(() => {
    if (!map || !loaded || !url || runtimeConfig().basemapStyleUrl) return;
    let cancelled = false;
    loadBasemap(url)
      .then((info) => {
        if (!cancelled) {
          addBasemap(map, info);
          map.getContainer().dataset.basemap = info.kind;
        }
      })
      .catch((e: unknown) => console.warn('basemap not drawn:', e));
    return () => {
      cancelled = true;
    };
  }, [map, loaded, url]);
}
