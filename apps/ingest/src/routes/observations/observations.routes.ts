import type { FastifyInstance, FastifyReply } from 'fastify';
import { BatchRequestSchema, IngestResponseSchema, ApiErrorSchema, type IngestResponse } from '@cityioc/contracts';
import { checkItem } from '../../pipeline/item-validator.ts';
import { ingestItems, UnparsableLine, type IngestDeps } from '../../pipeline/ingest.service.ts';
import { validateObservation } from '@cityioc/domain';

export interface ObservationRoutesOptions {
  deps: IngestDeps;
  authenticate: (req: never, reply: never) => Promise<unknown>;
  ndjsonLimitBytes: number;
  rateLimit: { max: number; timeWindow: string };
  /** Registers the benchmark ceilings: the same parsing and validation with nothing stored, and a bare route. */
  benchRoutes?: boolean;
}

/** Splits an NDJSON body into items; a line that is not JSON becomes an UnparsableLine. Blank lines are skipped. */
export function parseNdjson(body: string): { items: unknown[]; lineNo: number[] } {
  const lines = body.split('\n');
  const items: unknown[] = [];
  const lineNo: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    lineNo.push(i);
    try {
      items.push(JSON.parse(line));
    } catch (e) {
      items.push(new UnparsableLine(`line ${i + 1} is not valid JSON: ${(e as Error).message}`));
    }
  }
  return { items, lineNo };
}

const responses = { 200: IngestResponseSchema, 422: IngestResponseSchema, '4xx': ApiErrorSchema };

function send(reply: FastifyReply, res: IngestResponse) {
  return reply.code(res.rejected > 0 ? 422 : 200).send(res);
}

/**
 * POST /api/v1/observations        one observation
 * POST /api/v1/observations/batch  {"observations": [...]} up to 5,000
 * POST /api/v1/observations/ndjson one observation per line (application/x-ndjson)
 * Every item gets its own result; 422 when any item was rejected (the others are stored).
 */
export async function observationRoutes(app: FastifyInstance, opts: ObservationRoutesOptions): Promise<void> {
  const common = {
    onRequest: opts.authenticate as never,
    config: {
      rateLimit: {
        ...opts.rateLimit,
        keyGenerator: (req: { headers: Record<string, unknown>; ip: string }) => String(req.headers['x-api-key'] ?? req.headers.authorization ?? req.ip),
      },
    },
  };

  app.post('/api/v1/observations', { ...common, schema: { response: responses } }, async (req, reply) => {
    return send(reply, await ingestItems([req.body], req.source, opts.deps));
  });

  app.post('/api/v1/observations/batch', { ...common, schema: { body: BatchRequestSchema, response: responses } }, async (req, reply) => {
    const { observations } = req.body as { observations: unknown[] };
    return send(reply, await ingestItems(observations, req.source, opts.deps));
  });

  app.post('/api/v1/observations/ndjson', { ...common, bodyLimit: opts.ndjsonLimitBytes, schema: { response: responses } }, async (req, reply) => {
    if (typeof req.body !== 'string') {
      return reply.code(415).send({ statusCode: 415, error: 'unsupported_media_type', message: 'send Content-Type: application/x-ndjson' });
    }
    const all = (req.query as { results?: string }).results === 'all';
    const { items, lineNo } = parseNdjson(req.body);
    if (items.length === 0) {
      return reply.code(400).send({ statusCode: 400, error: 'empty_body', message: 'the body holds no NDJSON lines' });
    }
    const res = await ingestItems(items, req.source, opts.deps);
    for (const r of res.results) r.index = lineNo[r.index]!;
    if (!all) res.results = res.results.filter((r) => r.status !== 'accepted');
    return send(reply, res);
  });

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
