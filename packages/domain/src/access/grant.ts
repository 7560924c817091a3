import type { FeedEndpoint, FeedGrant, ItemError } from '@cityioc/contracts';

/** The grant of keys that may write everything (IOC_API_KEYS, the demo simulator). */
export const FULL_GRANT: FeedGrant = { endpoints: ['*'], stations: null, units: null, agencies: null };

export const grantsEndpoint = (grant: FeedGrant, endpoint: FeedEndpoint | null): boolean =>
  grant.endpoints.includes('*') || (endpoint !== null && grant.endpoints.includes(endpoint));

/** The parts of an item a grant limits (those the item has). */
export interface GrantSubject {
  station?: string | null | undefined;
  /** An area code (observations, dossiers) or a reporting unit code (reports). */
  unit?: string | null | undefined;
  agency?: string | null | undefined;
}

/**
 * Whether a grant admits one item; the error names the first part that falls outside. A unit of
 * the grant covers the areas below it (`ancestorsAndSelf`), as a user's scope does.
 */
export function grantError(grant: FeedGrant, item: GrantSubject, ancestorsAndSelf: (code: string) => readonly string[]): ItemError | null {
  if (grant.stations && item.station != null && !grant.stations.includes(item.station))
    return { field: '/station', reason: 'outside_grant', message: `this key may not write station '${item.station}'` };
  if (grant.stations && item.station == null && grant.units === null)
    return { field: '/station', reason: 'outside_grant', message: 'this key may write only its stations' };
  if (grant.units && item.unit != null) {
    const chain = ancestorsAndSelf(item.unit);
    const units = grant.units;
    if (!units.includes(item.unit) && !chain.some((c) => units.includes(c)))
      return { field: '/unit', reason: 'outside_grant', message: `this key may not write unit '${item.unit}'` };
  }
  if (grant.agencies && item.agency != null && !grant.agencies.includes(item.agency))
    return { field: '/agency', reason: 'outside_grant', message: `this key may not write agency '${item.agency}'` };
  if (grant.agencies && item.agency == null && grant.units === null && grant.stations === null)
    return { field: '/agency', reason: 'outside_grant', message: 'this key may write only its agencies' };
  return null;
}

/** True when the grant limits nothing inside its endpoints (no item needs checking). */
export const grantIsOpen = (g: FeedGrant): boolean => g.stations === null && g.units === null && g.agencies === null;
