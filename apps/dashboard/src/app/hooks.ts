import { indexCatalogue, type CatalogueIndex } from '@cityioc/domain';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE, type Lang } from '../format/format.ts';
import { currentLang } from '../i18n/i18n.ts';
import { indexCells, type CellIndex } from '../cells/cells.ts';
import { catalogueQuery } from '../queries/catalogue.queries.ts';
import { snapshotQuery } from '../queries/snapshot.queries.ts';
import { homeScope } from './home-scope.ts';

/** The whole city's scope. What the wall shows is homeScope() (home-scope.ts): the city, or a scoped session's unit. */
export const CITY_SCOPE = '92';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return currentLang(i18n.language);
}

export function useCatalogue(): { index: CatalogueIndex | null; timeZone: string; error: boolean } {
  const q = useQuery(catalogueQuery());
  const index = useMemo(() => (q.data ? indexCatalogue(q.data) : null), [q.data]);
  return { index, timeZone: q.data?.city.timeZone ?? DEFAULT_TIME_ZONE, error: q.isError && !q.data };
}

export function useScopeCells(scope: string = homeScope()): { cells: CellIndex; version: number | null; loaded: boolean } {
  const q = useQuery(snapshotQuery(scope));
  const cells = useMemo(() => indexCells(q.data?.cells), [q.data]);
  return { cells, version: q.data?.version ?? null, loaded: q.data !== undefined };
}

/**
 * True once the city snapshot is in and painted (or after `fallbackMs` whatever happens). The map
 * and chart chunks wait for it: parsing MapLibre takes the main thread for a while, and the
 * headline numbers should not wait behind it.
 */
export function useAfterFirstData(fallbackMs = 1500): boolean {
  const { loaded } = useScopeCells(homeScope());
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return;
    if (loaded) {
      // Two frames: the tiles with data are committed and painted first.
      let id = requestAnimationFrame(() => (id = requestAnimationFrame(() => setReady(true))));
      return () => cancelAnimationFrame(id);
    }
    const t = setTimeout(() => setReady(true), fallbackMs);
    return () => clearTimeout(t);
  }, [loaded, ready, fallbackMs]);
  return ready;
}
