import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies beside JSON: NDJSON (kept as a string, split per line by the feed routes, up to its own
 * limit) and JSON-LD (NGSI-LD notifications, parsed as JSON). Spreadsheet uploads have their
 * parser inside the report-import plugin only.
 */
export const contentTypesPlugin = fp(
  async function contentTypes(app: FastifyInstance, opts: { ndjsonLimitBytes: number }) {
    app.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl', 'application/ndjson'],
      { parseAs: 'string', bodyLimit: opts.ndjsonLimitBytes },
      (_req, body, done) => done(null, body),
    );
    app.addContentTypeParser('application/ld+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
  },
  { name: 'ioc-content-types' },
);
