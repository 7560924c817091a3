import type { FastifyInstance } from 'fastify';
import { BatchRequestSchema } from '@cityioc/contracts';
import { checkItem } from '../../pipeline/item-validator.ts';
import { feedRouteOptions, handleNdjson, ingestResponses as responses, parseNdjson, sendIngest as send } from '../../pipeline/feed-route.ts';
import { ingestItems, type IngestDeps } from '../../pipeline/ingest.service.ts';
import { validateObservation } from '@cityioc/domain';

export interface ObservationRoutesOptions {
  deps: IngestDeps;
  authenticate: (req: never, reply: never) => Promise<unknown>;
  ndjsonLimitBytes: number;
  rateLimit: { max: number; timeWindow: string };
  /** Registers the benchmark ceilings: the same parsing and validation with nothing stored, and a bare route. */
  benchRoutes?: boolean;
}

/**
 * POST /api/v1/observations        one observation
 * POST /api/v1/observations/batch  {"observations": [...]} up to 5,000
 * POST /api/v1/observations/ndjson one observation per line (application/x-ndjson)
 * Every item gets its own result; 422 when any item was rejected (the others are stored).
 */
export async function observationRoutes(app: FastifyInstance, opts: ObservationRoutesOptions): Promise<void> {
  const common = feedRouteOptions(opts.authenticate, opts.rateLimit);

  app.post('/api/v1/observations', { ...common, schema: { response: responses } }, async (req, reply) => {
    return send(reply, await ingestItems([req.body], req.source, opts.deps));
  });

  app.post('/api/v1/observations/batch', { ...common, schema: { body: BatchRequestSchema, response: responses } }, async (req, reply) => {
    const { observations } = req.body as { observations: unknown[] };
    return send(reply, await ingestItems(observations, req.source, opts.deps));
  });

  app.post('/api/v1/observations/ndjson', { ...common, bodyLimit: opts.ndjsonLimitBytes, schema: { response: responses } }, (req, reply) =>
    handleNdjson(req, reply, (items, source) => ingestItems(items, source, opts.deps)),
  );

  if (opts.benchRoutes) {
    app.post('/api/v1/_bench/ndjson-discard', { ...common, bodyLimit: opts.ndjsonLimitBytes }, async (req) => {
      const { items } = parseNdjson(req.body as string);
      const now = opts.deps.clock();
      let valid = 0;
      for (const item of items) {
        const shape = checkItem(item);
        if (shape.ok && validateObservation(shape.value, { index: opts.deps.index, now, source: req.source }).ok) valid++;
      }
      return { valid, total: items.length };
    });
    app.post('/api/v1/_bench/bare', async () => ({ ok: true }));
  }
}
