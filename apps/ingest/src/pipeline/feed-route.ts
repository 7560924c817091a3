import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorSchema, IngestResponseSchema, type FeedEndpoint, type FeedGrant, type IngestResponse } from '@cityioc/contracts';
import { Type, type Static } from 'typebox';
import { recordFeedOutcome } from '../feeds/health/feed-health.plugin.ts';
import { feedOf } from '../plugins/access.ts';
import { httpError } from '../plugins/errors.ts';
import { NdjsonBody } from './ndjson-body.ts';
import { bodySlices, ingestNdjson, ingestResponseJson, NDJSON_MAX_LINES } from './ndjson-slices.ts';

/** The responses of a feed route: per-item results (200 all stored, 422 some refused), or an API error. */
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

/** `?results=all` lists every line's result; by default only the lines not accepted. */
export const NdjsonQuerySchema = Type.Object({ results: Type.Optional(Type.String({ maxLength: 16 })) });
export type NdjsonQuery = Static<typeof NdjsonQuerySchema>;

/** The body an NDJSON route received: its chunks (pipeline/ndjson-body.ts) or, from inject(), a string; anything else is 415. */
export function ndjsonBodyOf(body: unknown): NdjsonBody | string {
  if (body instanceof NdjsonBody || typeof body === 'string') return body;
  throw httpError(415, 'unsupported_media_type', 'send Content-Type: application/x-ndjson');
}

/** Past this many results the answer is serialized a step at a time, so writing it cannot stall the event loop either. */
const STREAM_RESULTS_ABOVE = 5_000;

/**
 * The NDJSON variant of a feed route: one item per line, results indexed by 0-based line number,
 * only the lines not accepted listed unless ?results=all. The body is checked and stored in slices
 * with the event loop served in between (pipeline/ndjson-slices.ts), so one large upload never
 * holds up the other clients.
 */
export async function handleNdjson(
  req: FastifyRequest,
  reply: FastifyReply,
  query: NdjsonQuery,
  ingest: (items: unknown[], source: string, listAccepted: boolean) => Promise<IngestResponse>,
  /** Slices in the writer at once (ndjson-slices.ts NDJSON_SLICES_IN_FLIGHT): more than 1 only for a feed whose checks read no state. */
  inFlight = 1,
) {
  const body = ndjsonBodyOf(req.body);
  const out = await ingestNdjson(body, req.source, ingest, { all: query.results === 'all', inFlight });
  if (out.kind === 'too_many_lines')
    throw httpError(413, 'too_many_lines', `the body holds more than ${NDJSON_MAX_LINES} lines: split it into several requests`);
  if (out.kind === 'empty') throw httpError(400, 'empty_body', 'the body holds no NDJSON lines');
  if (out.res.results.length <= STREAM_RESULTS_ABOVE) return sendIngest(reply, out.res);
  reply.code(out.res.rejected > 0 ? 422 : 200);
  await recordFeedOutcome(req, reply, out.res); // a stream skips preSerialization: record from the object
  return reply.header('content-type', 'application/json; charset=utf-8').send(Readable.from(ingestResponseJson(out.res)));
}

/** What a batch feed's two routes share: the path, the grant's endpoint, the batch's list and its size, the ingest. */
export interface BatchFeed {
  path: string;
  endpoint: FeedEndpoint;
  /** The body's one property: `{"<list>": [item…]}`. */
  list: string;
  maxItems: number;
  ingest: (items: unknown[], source: string, grant: FeedGrant | null) => Promise<IngestResponse>;
}

/**
 * A batch feed's routes: POST `path` with `{"<list>": [item…]}` (1 to maxItems) and POST `path/ndjson` with one item
 * per line, both under the feed's access, with one result per item.
 */
export function batchFeedRoutes(app: Parameters<FastifyPluginAsyncTypebox>[0], feed: BatchFeed): void {
  const config = { access: feedOf(feed.endpoint) };
  const body = Type.Object({ [feed.list]: Type.Array(Type.Unknown(), { minItems: 1, maxItems: feed.maxItems }) }, { additionalProperties: false });
  app.post(feed.path, { config, schema: { body, response: ingestResponses } }, async (req, reply) =>
    sendIngest(reply, await feed.ingest(req.body[feed.list]!, req.source, req.grant)),
  );
  app.post(
    `${feed.path}/ndjson`,
    { config, bodyLimit: app.ioc.config.ndjsonLimitBytes, schema: { querystring: NdjsonQuerySchema, response: ingestResponses } },
    (req, reply) => handleNdjson(req, reply, req.query, (items, source) => feed.ingest(items, source, req.grant)),
  );
}
