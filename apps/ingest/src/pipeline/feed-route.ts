import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorSchema, IngestResponseSchema, type IngestResponse } from '@cityioc/contracts';
import { recordHttpFeed } from './http-feed-health.ts';
import { NdjsonBody } from './ndjson-body.ts';
import { bodySlices, ingestNdjson, ingestResponseJson, NDJSON_MAX_LINES } from './ndjson-slices.ts';

/**
 * Every answered request of an authenticated feed source goes to its 'http' feed-health book
 * (GET /api/v1/feeds/health): last seen, rate, accepted/duplicate/rejected counts, latest reasons.
 * An object reply is read before serialization (no re-parse); anything else (error bodies sent as
 * strings) from the serialized payload.
 */
const recorded = new WeakSet<FastifyRequest>();
/** As preSerialization (object payloads) and onSend (the rest): whichever runs first records. */
async function recordFeedHealth(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const feeds = req.server.ioc?.feeds;
  if (feeds && req.source && !recorded.has(req)) {
    recorded.add(req);
    recordHttpFeed(feeds, feeds.clock(), req.source, reply.statusCode, payload);
  }
  return payload;
}

/**
 * What every feed ingest route shares: API-key auth, a rate limit per key, per-item responses, and
 * the feed-health record (`health: false` for routes that keep their own book, e.g. NGSI notify).
 */
export function feedRouteOptions(
  authenticate: (req: never, reply: never) => Promise<unknown>,
  rateLimit: { max: number; timeWindow: string },
  opts: { health?: boolean } = {},
) {
  return {
    onRequest: authenticate as never,
    ...(opts.health === false ? {} : { preSerialization: recordFeedHealth as never, onSend: recordFeedHealth as never }),
    config: {
      rateLimit: {
        ...rateLimit,
        keyGenerator: (req: { headers: Record<string, unknown>; ip: string }) => String(req.headers['x-api-key'] ?? req.headers.authorization ?? req.ip),
      },
    },
  };
}

export const ingestResponses = { 200: IngestResponseSchema, 422: IngestResponseSchema, '4xx': ApiErrorSchema };

/** 200 when nothing was rejected; 422 otherwise (the accepted items are stored: a retry is safe). */
export function sendIngest(reply: FastifyReply, res: IngestResponse) {
  return reply.code(res.rejected > 0 ? 422 : 200).send(res);
}

/** Splits an NDJSON body into items; a line that is not JSON becomes an UnparsableLine. Blank lines are skipped. */
export function parseNdjson(body: string | NdjsonBody): { items: unknown[]; lineNo: number[] } {
  // the same parse as the route's, in one go (the benchmark's ceiling)
  const all = { items: [] as unknown[], lineNo: [] as number[] };
  for (const s of bodySlices(body, Infinity, Infinity)) {
    for (const item of s.items) all.items.push(item);
    for (const n of s.lineNo) all.lineNo.push(n);
  }
  return all;
}

/** Past this many results the answer is serialized a step at a time, so writing it cannot stall the event loop either. */
const STREAM_RESULTS_ABOVE = 5_000;

/**
 * The NDJSON variant of a feed route: one item per line, results indexed by 0-based line number,
 * only the lines not accepted listed unless ?results=all. The body is checked and stored in slices
 * with the event loop served in between (pipeline/ndjson-slices.ts), so one large upload never
 * holds up the other clients.
 */
export async function handleNdjson(req: FastifyRequest, reply: FastifyReply, ingest: (items: unknown[], source: string) => Promise<IngestResponse>) {
  if (!(req.body instanceof NdjsonBody) && typeof req.body !== 'string')
    return reply.code(415).send({ statusCode: 415, error: 'unsupported_media_type', message: 'send Content-Type: application/x-ndjson' });
  const all = (req.query as { results?: string }).results === 'all';
  const out = await ingestNdjson(req.body, req.source, ingest, { all });
  if (out.kind === 'too_many_lines')
    return reply
      .code(413)
      .send({ statusCode: 413, error: 'too_many_lines', message: `the body holds more than ${NDJSON_MAX_LINES} lines: split it into several requests` });
  if (out.kind === 'empty') return reply.code(400).send({ statusCode: 400, error: 'empty_body', message: 'the body holds no NDJSON lines' });
  if (out.res.results.length <= STREAM_RESULTS_ABOVE) return sendIngest(reply, out.res);
  reply.code(out.res.rejected > 0 ? 422 : 200);
  await recordFeedHealth(req, reply, out.res); // a stream skips preSerialization: record from the object
  return reply.header('content-type', 'application/json; charset=utf-8').send(Readable.from(ingestResponseJson(out.res)));
}
