import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { authConfigKey, sessionKey } from '../auth/auth.queries.ts';
import { galleryCatalogue, type GalleryVariant } from './fixtures/clock.ts';
import { agenciesFixture, areasAtFixture, byAgencyFixture, byAreaFixture, proceduresFixture } from './fixtures/dossiers.ts';
import { directiveBoardFixture } from './fixtures/directives.ts';
import { geoAreasFixture } from './fixtures/geo.ts';
import { airQualityFixture, alertsFixture, feedHealthFixture, historyFixture, snapshotFixture } from './fixtures/live.ts';
import { reportingCatalogueFixture, reportingLatestFixture, reportingRankingFixture, reportingStatusFixture } from './fixtures/reporting.ts';
import { scorecardFixture } from './fixtures/score766.ts';

/** A read the gallery has no fixture for: the panel shows its error state and the gallery lists the key. */
export class MissingFixture extends Error {
  constructor(readonly key: QueryKey) {
    super(`no gallery fixture for ${JSON.stringify(key)}`);
  }
}

const str = (x: unknown) => (typeof x === 'string' ? x : '');
const num = (x: unknown) => (typeof x === 'number' ? x : 0);

/**
 * The fixture that answers a read, by its query key (the keys of queries/*.queries.ts: the panels'
 * own query factories make them, so a panel reads here exactly what it reads from the server).
 * Pure; undefined for a key without a fixture.
 */
export function fixtureFor(key: QueryKey, variant: GalleryVariant): unknown {
  const [a, b, c, d, e, f] = key;
  switch (a) {
    case 'catalogue':
      return galleryCatalogue();
    case 'snapshot':
      return snapshotFixture(str(b));
    case 'air-quality':
      return airQualityFixture();
    case 'feeds':
      return b === 'health' ? feedHealthFixture(variant) : undefined;
    case 'geo':
      return b === 'areas' ? geoAreasFixture() : undefined;
    case 'areas':
      return areasAtFixture();
    case 'agencies':
      return agenciesFixture(variant);
    case 'procedures':
      return proceduresFixture();
    case 'config':
      return null; // no basemap advertised: the map keeps its offline style
    case 'wall-pin':
      return null; // no briefing pin in force (the pin buttons of a leader's session read it)
    case 'wall-walls':
      return { serverTime: 0, walls: [{ wall: 'main', screens: 1, pin: null }] }; // the one wall (a leader's pin buttons check a chosen wall)
    case 'alerts':
      return b === 'wall' ? alertsFixture(variant) : undefined;
    case 'directives':
      return b === 'board' ? directiveBoardFixture(variant) : undefined;
    case 'history':
      return b === 'water_level' ? historyFixture(str(c), num(e), num(f)) : undefined;
    case 'dossiers':
      if (b !== 'indicators') return undefined;
      return e === 'agency' ? byAgencyFixture(str(c), str(d), variant) : byAreaFixture(str(c), str(d), variant);
    case 'score766':
      return b === 'scorecard' ? scorecardFixture(str(c), str(d)) : undefined;
    case 'reporting':
      if (b === 'catalogue') return reportingCatalogueFixture();
      if (b === 'latest') return reportingLatestFixture();
      if (b === 'ranking' && (e === 'department' || e === 'district' || e === 'commune')) return reportingRankingFixture(e, str(d), variant);
      if (b === 'status') return reportingStatusFixture(str(c), str(d), variant);
      return undefined;
    default:
      return undefined;
  }
}

/** Not data but who is looking: the session (and the sign-in options) are the page's own, read from the app's client. */
const PAGE_KEYS: readonly QueryKey[] = [sessionKey, authConfigKey];
const samePrefix = (key: QueryKey, prefix: QueryKey) => prefix.every((p, i) => key[i] === p);

/**
 * A QueryClient that never goes to the network: every query the panels make is answered from the
 * fixtures by its key (the client's own defaulting replaces each query's fetch function), never
 * refetched, never stale; the session comes from the app's client (`page`). A key without a
 * fixture fails with MissingFixture.
 */
export function fixtureQueryClient(variant: GalleryVariant, page: QueryClient): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false } } });
  const defaults = client.defaultQueryOptions.bind(client);
  client.defaultQueryOptions = ((options: Parameters<QueryClient['defaultQueryOptions']>[0]) => {
    const o = defaults(options);
    const queryFn = () => {
      const data = PAGE_KEYS.some((k) => samePrefix(o.queryKey, k)) ? page.getQueryData(o.queryKey) : fixtureFor(o.queryKey, variant);
      if (data === undefined) throw new MissingFixture(o.queryKey);
      return Promise.resolve(data);
    };
    return { ...o, queryFn, staleTime: Infinity, gcTime: Infinity, refetchInterval: false, retry: false };
  }) as QueryClient['defaultQueryOptions'];
  return client;
}
