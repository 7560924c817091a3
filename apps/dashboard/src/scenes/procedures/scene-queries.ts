import { CITY_SCOPE } from '../../app/hooks.ts';
import { currentPeriod } from '../../dossiers/periods.ts';
import type { PanelContext } from '../../panels/panel.ts';
import { indicatorsQuery } from '../../queries/dossiers.queries.ts';
import { officialScoresQuery } from '../../queries/score766.queries.ts';

/** The period the scene shows and the queries its panels read. */
export function proceduresQueries(ctx: PanelContext) {
  const period = currentPeriod(ctx.period, ctx.now, ctx.timeZone);
  return {
    period,
    byArea: indicatorsQuery({ period, scope: CITY_SCOPE, by: 'area' }),
    byAgency: indicatorsQuery({ period, scope: CITY_SCOPE, by: 'agency' }),
    official: officialScoresQuery(),
  };
}
