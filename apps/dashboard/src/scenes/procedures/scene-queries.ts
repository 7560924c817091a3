import { homeScope } from '../../app/home-scope.ts';
import { periodKey } from '@cityioc/domain';
import type { PanelContext } from '../../panels/panel.ts';
import { indicatorsQuery } from '../../queries/dossiers.queries.ts';

/** The period the scene shows and the queries its panels read. */
export function proceduresQueries(ctx: PanelContext) {
  const period = periodKey(ctx.period, ctx.now);
  return {
    period,
    byArea: indicatorsQuery({ period, scope: homeScope(), by: 'area' }),
    byAgency: indicatorsQuery({ period, scope: homeScope(), by: 'agency' }),
  };
}
