import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_DOSSIER_BATCH_ITEMS, type IngestResponse } from '@cityioc/contracts';
import { Type } from 'typebox';
import { ingestChecked } from '../../pipeline/ingest.service.ts';
import { handleNdjson, ingestResponses as responses, NdjsonQuerySchema, sendIngest as send } from '../../pipeline/feed-route.ts';
import type { FeedGrant } from '@cityioc/contracts';
import { feedOf } from '../../plugins/access.ts';
import { withGrant } from '../grant-check.ts';
import { checkDossierEvent } from './dossier-event.check.ts';

const BatchSchema = Type.Object({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_DOSSIER_BATCH_ITEMS }) }, { additionalProperties: false });

/**
 * The one-stop system's dossier events in, canonical or in the national portal's names:
 *   POST /api/v1/dossiers/events         {"events": [...]} up to 5,000
 *   POST /api/v1/dossiers/events/ndjson  one event per line
 * One result per event; the valid events of a batch are stored whatever the others hold.
 */
export const dossierEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { dossierWriter, index, agencies, clock, config } = app.ioc;
  const ingest = (items: unknown[], source: string, grant: FeedGrant | null): Promise<IngestResponse> => {
    const now = clock();
    const ctx = { index, agencies, bounds: config.dateBounds, now };
    const check = withGrant(
      (item: unknown) => {
        const c = checkDossierEvent(item, ctx);
        return c.ok ? { ok: true as const, id: c.id, value: { event: c.value, receivedAt: now, source } } : c;
      },
      grant,
      (v) => ({ unit: v.event.adminUnitCode, agency: v.event.agencyCode }),
      index.ancestorsAndSelf,
    );
    return ingestChecked(items, check, dossierWriter);
  };

  app.post('/api/v1/dossiers/events', { config: { access: feedOf('dossiers') }, schema: { body: BatchSchema, response: responses } }, async (req, reply) =>
    send(reply, await ingest(req.body.events, req.source, req.grant)),
  );

  app.post(
    '/api/v1/dossiers/events/ndjson',
    { config: { access: feedOf('dossiers') }, bodyLimit: config.ndjsonLimitBytes, schema: { querystring: NdjsonQuerySchema, response: responses } },
    (req, reply) => handleNdjson(req, reply, req.query, (items, source) => ingest(items, source, req.grant)),
  );
};
