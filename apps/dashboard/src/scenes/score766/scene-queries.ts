import { periodKey } from '@cityioc/domain';
import { homeScope } from '../../app/home-scope.ts';
import { CITY_CODE } from '../../auth/access.model.ts';
import { runtimeConfig } from '../../config.ts';
import type { PanelContext } from '../../panels/panel.ts';
import { scorecardQuery } from '../../queries/score766.queries.ts';

/**
 * The 766 scene's one read: the computed scorecard of the wall's unit (the city, or the session's
 * scope unit) for the wall's period (the current month by default). The city's official score is
 * read under the unit the portal gives it (`officialUnitCode`); another unit's under its own code.
 */
export function score766Queries(ctx: Pick<PanelContext, 'period' | 'now'>, unit: string = homeScope()) {
  const period = periodKey(ctx.period, ctx.now);
  return {
    unit,
    period,
    scorecard: scorecardQuery({ unit, period, officialUnit: unit === CITY_CODE ? runtimeConfig().officialUnitCode : undefined }),
  };
}
