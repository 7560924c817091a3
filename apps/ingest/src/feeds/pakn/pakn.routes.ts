import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_PAKN_BATCH_ITEMS, type FeedGrant, type IngestResponse } from '@cityioc/contracts';
import { ingestChecked } from '../../pipeline/ingest.service.ts';
import { batchFeedRoutes } from '../../pipeline/feed-route.ts';
import { recordGrantJudge } from '../grant-check.ts';
import { checkRating } from '../ratings/rating.check.ts';
import { paknEventChecker } from './pakn-event.check.ts';

/**
 * Citizens' feedback in: PAKN events and dossier ratings, each idempotent by its id, with one
 * result per item; the valid items of a batch are stored whatever the others hold. A key granted
 * some units or agencies (endpoints 'pakn', 'ratings') writes only theirs: each item is judged on
 * the unit and agency it names, completed by the PAKN's or the rated dossier's as stored, and an
 * item outside the grant is rejected with outside_grant (feeds/grant-check.ts).
 *   POST /api/v1/pakn/events          {"events": [PaknEvent…]} ≤ 5,000
 *   POST /api/v1/pakn/events/ndjson   one event per line
 *   POST /api/v1/ratings              {"ratings": [DossierRating…]} ≤ 5,000
 *   POST /api/v1/ratings/ndjson       one rating per line
 */
export const paknFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { paknWriter, ratingWriter, pakn, dossiers, index, agencies, procedures, clock, config } = app.ioc;
  const ingestPakn = (items: unknown[], source: string, grant: FeedGrant | null): Promise<IngestResponse> => {
    const now = clock();
    const judge = recordGrantJudge(grant, index.ancestorsAndSelf, 'PAKN');
    const check = paknEventChecker({
      index,
      agencies,
      procedures: procedures.catalogue,
      bounds: config.dateBounds,
      now,
      known: (id) => pakn.factsOf(id),
      admit: judge && ((e, p) => judge({ unit: e.adminUnitCode, agency: e.agencyCode }, p && { unit: p.adminUnitCode, agency: p.agencyCode })),
    });
    return ingestChecked(
      items,
      (item) => {
        const c = check(item);
        return c.ok ? { ok: true as const, id: c.id, value: { event: c.value, receivedAt: now, source } } : c;
      },
      paknWriter,
    );
  };
  const ingestRatings = (items: unknown[], source: string, grant: FeedGrant | null): Promise<IngestResponse> => {
    const now = clock();
    const ctx = { index, agencies, procedures: procedures.catalogue, bounds: config.dateBounds, now };
    const judge = recordGrantJudge(grant, index.ancestorsAndSelf, 'ratings');
    return ingestChecked(
      items,
      (item) => {
        const c = checkRating(item, ctx);
        if (!c.ok) return c;
        const r = c.value;
        // a rating counts against its dossier's unit (766 5.4): the dossier as stored is judged too
        const d = judge && dossiers.record(r.dossierCode);
        const byAgency = judge && r.adminUnitCode === undefined && r.agencyCode !== undefined ? agencies.lookup(r.agencyCode, Date.parse(r.ratedAt)) : null;
        const unit = r.adminUnitCode ?? (byAgency?.ok ? byAgency.agency.adminUnitCode : undefined);
        const outside = judge?.({ unit, agency: r.agencyCode }, d ? { unit: d.adminUnitCode, agency: d.agencyCode } : null);
        return outside ? { ok: false as const, id: c.id, errors: [outside] } : { ok: true as const, id: c.id, value: { rating: r, receivedAt: now, source } };
      },
      ratingWriter,
    );
  };

  batchFeedRoutes(app, { path: '/api/v1/pakn/events', endpoint: 'pakn', list: 'events', maxItems: MAX_PAKN_BATCH_ITEMS, ingest: ingestPakn });
  batchFeedRoutes(app, { path: '/api/v1/ratings', endpoint: 'ratings', list: 'ratings', maxItems: MAX_PAKN_BATCH_ITEMS, ingest: ingestRatings });
};
