import { matching, oneOf, type RawSearch } from '../app/search.ts';
import type { InboxFilter } from './alerts.model.ts';

/** The alert inbox's URL parameters: the filter and the alert whose detail is open. */
export interface AlertsSearch {
  show: InboxFilter;
  alert?: string;
}

export const INBOX_FILTERS: readonly InboxFilter[] = ['active', 'open', 'acknowledged', 'assigned', 'resolved', 'all'];

/** Left out of the URL when they hold (the router strips them). */
export const ALERTS_SEARCH_DEFAULTS = { show: 'active' } as const satisfies Partial<AlertsSearch>;

const ALERT_ID_RE = /^[^\u0000-\u001f\u007f]{1,128}$/;

/** The route's validateSearch: pure, never throws. */
export function validateAlertsSearch(raw: RawSearch): AlertsSearch {
  return { show: oneOf(raw.show, INBOX_FILTERS) ?? ALERTS_SEARCH_DEFAULTS.show, alert: matching(raw.alert, ALERT_ID_RE) };
}
