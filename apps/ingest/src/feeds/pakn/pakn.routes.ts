import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_PAKN_BATCH_ITEMS, type IngestResponse } from '@cityioc/contracts';
import { Type } from 'typebox';
import { ingestChecked } from '../../pipeline/ingest.service.ts';
import { handleNdjson, ingestResponses as responses, NdjsonQuerySchema, sendIngest as send } from '../../pipeline/feed-route.ts';
import { FEED } from '../../plugins/access.ts';
import { checkRating } from '../ratings/rating.check.ts';
import { paknEventChecker } from './pakn-event.check.ts';

const PaknBatchSchema = Type.Object({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_PAKN_BATCH_ITEMS }) }, { additionalProperties: false });
const RatingBatchSchema = Type.Object(
  { ratings: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_PAKN_BATCH_ITEMS }) },
  { additionalProperties: false },
);

/**
 * Citizens' feedback in: PAKN events and dossier ratings, each idempotent by its id, with one
 * result per item; the valid items of a batch are stored whatever the others hold.
 *   POST /api/v1/pakn/events          {"events": [PaknEvent…]} ≤ 5,000
 *   POST /api/v1/pakn/events/ndjson   one event per line
 *   POST /api/v1/ratings              {"ratings": [DossierRating…]} ≤ 5,000
 *   POST /api/v1/ratings/ndjson       one rating per line
 */
export const paknFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { paknWriter, ratingWriter, pakn, index, agencies, procedures, clock, config } = app.ioc;
  const ingestPakn = (items: unknown[], source: string): Promise<IngestResponse> => {
    const now = clock();
    const check = paknEventChecker({ index, agencies, procedures: procedures.catalogue, bounds: config.dateBounds, now, known: (id) => pakn.factsOf(id) });
    return ingestChecked(
      items,
      (item) => {
        const c = check(item);
        return c.ok ? { ok: true as const, id: c.id, value: { event: c.value, receivedAt: now, source } } : c;
      },
      paknWriter,
    );
  };
  const ingestRatings = (items: unknown[], source: string): Promise<IngestResponse> => {
    const now = clock();
    const ctx = { index, agencies, procedures: procedures.catalogue, bounds: config.dateBounds, now };
    return ingestChecked(
      items,
      (item) => {
        const c = checkRating(item, ctx);
        return c.ok ? { ok: true as const, id: c.id, value: { rating: c.value, receivedAt: now, source } } : c;
      },
      ratingWriter,
    );
  };

  app.post('/api/v1/pakn/events', { config: { access: FEED }, schema: { body: PaknBatchSchema, response: responses } }, async (req, reply) =>
    send(reply, await ingestPakn(req.body.events, req.source)),
  );
  app.post(
    '/api/v1/pakn/events/ndjson',
    { config: { access: FEED }, bodyLimit: config.ndjsonLimitBytes, schema: { querystring: NdjsonQuerySchema, response: responses } },
    (req, reply) => handleNdjson(req, reply, req.query, ingestPakn),
  );
  app.post('/api/v1/ratings', { config: { access: FEED }, schema: { body: RatingBatchSchema, response: responses } }, async (req, reply) =>
    send(reply, await ingestRatings(req.body.ratings, req.source)),
  );
  app.post(
    '/api/v1/ratings/ndjson',
    { config: { access: FEED }, bodyLimit: config.ndjsonLimitBytes, schema: { querystring: NdjsonQuerySchema, response: responses } },
    (req, reply) => handleNdjson(req, reply, req.query, ingestRatings),
  );
};
