import type { PanelContext } from '../../panels/panel.ts';
import { reportingCatalogueQuery, reportingLatestQuery, reportingRankingQuery, reportingStatusQuery } from '../../queries/reporting.queries.ts';
import { followedMonth } from './reporting.model.ts';

const REGIME = 'cchc-cds';

/** The reads of the scene; the rankings follow PAR INDEX's latest reported period, once known. */
export function reportingQueries(ctx: PanelContext, parPeriod: string | null = null) {
  return {
    catalogue: reportingCatalogueQuery(),
    latest: reportingLatestQuery(),
    departments: reportingRankingQuery('par_index', parPeriod, 'department'),
    districts: reportingRankingQuery('par_index', parPeriod, 'district'),
    status: reportingStatusQuery(REGIME, followedMonth(ctx.now, ctx.timeZone)),
  };
}
