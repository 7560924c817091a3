import type { PanelContext } from '../../panels/panel.ts';
import { reportingCatalogueQuery, reportingLatestQuery, reportingRankingQuery, reportingStatusQuery } from '../../queries/reporting.queries.ts';
import { followedMonth } from './reporting.model.ts';

const REGIME = 'cchc-cds';

/**
 * The reads of the scene; the rankings follow PAR INDEX's latest reported period, once known. The
 * local units' ranking ranks the units of that period: districts before the reorganisation
 * (`localGroup`), wards and communes after it.
 */
export function reportingQueries(ctx: PanelContext, parPeriod: string | null = null, localGroup: 'district' | 'commune' = 'commune') {
  return {
    catalogue: reportingCatalogueQuery(),
    latest: reportingLatestQuery(),
    departments: reportingRankingQuery('par_index', parPeriod, 'department'),
    districts: reportingRankingQuery('par_index', parPeriod, localGroup),
    status: reportingStatusQuery(REGIME, followedMonth(ctx.now, ctx.timeZone)),
  };
}
