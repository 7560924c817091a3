import { matching, oneOf, type RawSearch } from '../../app/search.ts';
import type { DirectivesShow } from './directive-trail.model.ts';

/** The leader's directives page URL: which list (`?show=`) and the open directive (`?id=`). */
export interface DirectivesSearch {
  show: DirectivesShow;
  id?: string;
}

export const DIRECTIVES_SEARCH_DEFAULTS = { show: 'awaiting' } as const satisfies Partial<DirectivesSearch>;

const ID_RE = /^[0-9A-Za-z._:-]{1,128}$/;

/** The route's validateSearch: pure, never throws; bad values fall back to the defaults. */
export function validateDirectivesSearch(raw: RawSearch): DirectivesSearch {
  return {
    show: oneOf(raw.show, ['awaiting', 'open', 'closed'] as const) ?? DIRECTIVES_SEARCH_DEFAULTS.show,
    id: matching(raw.id, ID_RE),
  };
}
