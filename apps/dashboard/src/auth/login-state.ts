import type { RawSearch } from '../app/search.ts';
import { safeReturnTo } from './access.model.ts';

/** The sign-in page's URL parameters: where to go back to afterwards (a path of this dashboard). */
export interface LoginSearch {
  returnTo?: string;
}

/**
 * The route's validateSearch: pure, never throws; a foreign or malformed target is dropped (the
 * wall). The key is always set, so the router's merge with the raw query cannot bring it back.
 */
export function validateLoginSearch(raw: RawSearch): LoginSearch {
  const back = safeReturnTo(raw.returnTo);
  return { returnTo: back === '/' ? undefined : back };
}
