import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BatchRequestSchema } from '@cityioc/contracts';
import { validateObservation } from '@cityioc/domain';
import { checkItem } from '../../pipeline/item-validator.ts';
import { handleNdjson, ingestResponses as responses, ndjsonBodyOf, NdjsonQuerySchema, parseNdjson, sendIngest as send } from '../../pipeline/feed-route.ts';
import { ingestItems, type IngestDeps } from '../../pipeline/ingest.service.ts';
import { NDJSON_SLICES_IN_FLIGHT } from '../../pipeline/ndjson-slices.ts';
import { FEED, feedOf, PUBLIC } from '../../plugins/access.ts';

/**
 * POST /api/v1/observations        one observation
 * POST /api/v1/observations/batch  {"observations": [...]} up to 5,000
 * POST /api/v1/observations/ndjson one observation per line (application/x-ndjson)
 * Every item gets its own result; 422 when any item was rejected (the others are stored).
 * With IOC_BENCH_ROUTES, the benchmark's ceilings: the same parsing and validation with nothing
 * stored, and a bare route.
 */
export const observationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { index, writer, clock, config } = app.ioc;
  const deps: IngestDeps = { index, writer, clock, dateBounds: config.dateBounds };
  const feed = { access: feedOf('observations') };

  app.post('/api/v1/observations', { config: feed, schema: { response: responses } }, async (req, reply) =>
    send(reply, await ingestItems([req.body], req.source, deps, req.grant)),
  );

  app.post('/api/v1/observations/batch', { config: feed, schema: { body: BatchRequestSchema, response: responses } }, async (req, reply) =>
    send(reply, await ingestItems(req.body.observations, req.source, deps, req.grant)),
  );

  app.post(
    '/api/v1/observations/ndjson',
    { config: feed, bodyLimit: config.ndjsonLimitBytes, schema: { querystring: NdjsonQuerySchema, response: responses } },
    // an observation's check reads no state: the next slices are checked while the previous ones commit
    (req, reply) => {
      // one receipt time for the whole upload, as for a batch: the silence rules see its slices as one request
      const receivedAt = clock();
      const upload: IngestDeps = { ...deps, clock: () => receivedAt };
      return handleNdjson(
        req,
        reply,
        req.query,
        (items, source, listAccepted) => ingestItems(items, source, upload, req.grant, listAccepted),
        NDJSON_SLICES_IN_FLIGHT,
      );
    },
  );

  if (config.benchRoutes) {
    app.post('/api/v1/_bench/ndjson-discard', { config: { access: FEED }, bodyLimit: config.ndjsonLimitBytes, schema: { hide: true } }, async (req) => {
      const { items } = parseNdjson(ndjsonBodyOf(req.body));
      const now = clock();
      let valid = 0;
      for (const item of items) {
        const shape = checkItem(item);
        if (shape.ok && validateObservation(shape.value, { index, now, source: req.source }).ok) valid++;
      }
      return { valid, total: items.length };
    });
    app.post('/api/v1/_bench/bare', { config: { access: PUBLIC }, schema: { hide: true } }, async () => ({ ok: true }));
  }
};
