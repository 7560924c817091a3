import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_DOSSIER_BATCH_ITEMS, type IngestResponse } from '@cityioc/contracts';
import { ingestChecked } from '../../pipeline/ingest.service.ts';
import { batchFeedRoutes } from '../../pipeline/feed-route.ts';
import type { FeedGrant } from '@cityioc/contracts';
import { withGrant } from '../grant-check.ts';
import { checkDossierEvent } from './dossier-event.check.ts';

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

  batchFeedRoutes(app, { path: '/api/v1/dossiers/events', endpoint: 'dossiers', list: 'events', maxItems: MAX_DOSSIER_BATCH_ITEMS, ingest });
};
