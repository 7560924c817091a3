import { matching, oneOf, text, type RawSearch } from '../app/search.ts';
import { DEFAULT_CITY_SORT, formatCitySort, parseCitySort, type CitySort } from './city-overview.model.ts';
import { DEFAULT_SORT, formatSort, parseSort, type SortDir, type SortKey, type WatchFilter } from './watchlist.model.ts';

/**
 * The operator page's URL parameters: the unit (?area=916 or ?agency=000.21.00.H13; a district
 * wins over an agency), the filter, the sort and the dossier whose trail is open.
 */
export interface OperatorSearch {
  area?: string;
  agency?: string;
  show: WatchFilter;
  sort: `${SortKey}-${SortDir}`;
  dossier?: string;
  /** The city-wide view (no unit picked): its sort, and whether units with nothing to follow up are listed. */
  csort: CitySort;
  cshow: 'attention' | 'all';
}

/** Left out of the URL when they hold (the router strips them). */
export const OPERATOR_SEARCH_DEFAULTS = {
  show: 'all',
  sort: formatSort(DEFAULT_SORT),
  csort: DEFAULT_CITY_SORT,
  cshow: 'attention',
} as const satisfies Partial<OperatorSearch>;

const AREA_RE = /^[0-9]{2,5}$/;
const AGENCY_RE = /^\S{1,64}$/;
/** Dossier codes are shown as text whatever they hold; only control characters and absurd lengths are refused. */
const DOSSIER_RE = /^[^\u0000-\u001f\u007f]{1,128}$/;

/** The route's validateSearch: pure, never throws; bad values fall back to the defaults. */
export function validateOperatorSearch(raw: RawSearch): OperatorSearch {
  const area = matching(raw.area, AREA_RE);
  const sort = parseSort(text(raw.sort));
  return {
    area,
    agency: area ? undefined : matching(raw.agency, AGENCY_RE),
    show: oneOf(raw.show, ['overdue', 'dueSoon'] as const) ?? OPERATOR_SEARCH_DEFAULTS.show,
    sort: formatSort(sort),
    dossier: matching(raw.dossier, DOSSIER_RE),
    csort: formatCitySort(parseCitySort(text(raw.csort))),
    cshow: oneOf(raw.cshow, ['all'] as const) ?? OPERATOR_SEARCH_DEFAULTS.cshow,
  };
}
