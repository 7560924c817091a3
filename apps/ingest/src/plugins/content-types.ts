import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { collectNdjsonBody } from '../pipeline/ndjson-body.ts';

/**
 * Bodies beside JSON: NDJSON (kept as the network chunks it arrived in, decoded a block of lines at a
 * time by the feed routes so a 60 MB body never holds the event loop — pipeline/ndjson-body.ts — up to
 * its own limit) and JSON-LD (NGSI-LD notifications, parsed as JSON). Spreadsheet uploads have their
 * parser inside the report-import plugin only.
 */
export const contentTypesPlugin = fp(
  async function contentTypes(app: FastifyInstance, opts: { ndjsonLimitBytes: number }) {
    app.addContentTypeParser(['application/x-ndjson', 'application/jsonl', 'application/ndjson'], collectNdjsonBody(opts.ndjsonLimitBytes));
    app.addContentTypeParser('application/ld+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
  },
  { name: 'ioc-content-types' },
);
