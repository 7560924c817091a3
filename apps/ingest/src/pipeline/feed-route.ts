import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorSchema, IngestResponseSchema, type IngestResponse } from '@cityioc/contracts';
import { UnparsableLine } from './ingest.service.ts';

/** The responses of a feed route: per-item results (200 all stored, 422 some refused), or an API error. */
export const ingestResponses = { 200: IngestResponseSchema, 422: IngestResponseSchema, '4xx': ApiErrorSchema };

/** 200 when nothing was rejected; 422 otherwise (the accepted items are stored: a retry is safe). */
export function sendIngest(reply: FastifyReply, res: IngestResponse) {
  return reply.code(res.rejected > 0 ? 422 : 200).send(res);
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

/**
 * The NDJSON variant of a feed route: one item per line, results indexed by 0-based line number,
 * only the lines not accepted listed unless ?results=all.
 */
export async function handleNdjson(req: FastifyRequest, reply: FastifyReply, ingest: (items: unknown[], source: string) => Promise<IngestResponse>) {
  if (typeof req.body !== 'string')
    return reply.code(415).send({ statusCode: 415, error: 'unsupported_media_type', message: 'send Content-Type: application/x-ndjson' });
  const { items, lineNo } = parseNdjson(req.body);
  if (items.length === 0) return reply.code(400).send({ statusCode: 400, error: 'empty_body', message: 'the body holds no NDJSON lines' });
  const res = await ingest(items, req.source);
  for (const r of res.results) r.index = lineNo[r.index]!;
  if ((req.query as { results?: string }).results !== 'all') res.results = res.results.filter((r) => r.status !== 'accepted');
  return sendIngest(reply, res);
}
