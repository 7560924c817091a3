import type { FastifyInstance } from 'fastify';
import { DossierEventSchema, MAX_DOSSIER_BATCH_ITEMS, type DossierEvent, type IngestResponse } from '@cityioc/contracts';
import { dossierEventRuleErrors, type CatalogueIndex } from '@cityioc/domain';
import { Type } from 'typebox';
import type { GroupCommitWriter } from '../../pipeline/group-commit.ts';
import { ingestChecked, type ItemCheck } from '../../pipeline/ingest.service.ts';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import type { NewDossierEvent } from '../../store/store.ts';
import { feedRouteOptions, handleNdjson, ingestResponses as responses, sendIngest as send } from '../../pipeline/feed-route.ts';
import { dossierEventFromPortal, isPortalDossierPayload } from './portal-mapper.ts';

export interface DossierEventRoutesOptions {
  writer: GroupCommitWriter<NewDossierEvent>;
  index: CatalogueIndex;
  clock: () => number;
  authenticateFeed: (req: never, reply: never) => Promise<unknown>;
  ndjsonLimitBytes: number;
  rateLimit: { max: number; timeWindow: string };
}

const checkCanonical = compileItemCheck<DossierEvent>(DossierEventSchema as object);
const BatchSchema = Type.Object({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_DOSSIER_BATCH_ITEMS }) }, { additionalProperties: false });

/**
 * One dossier event, in our names or the national portal's (MaHoSo, TrangThaiHoSo, NgayHenTra …):
 * schema, cross-field rules, and an administrative unit the catalogue knows.
 */
export function checkDossierEvent(item: unknown, index: CatalogueIndex): ItemCheck<DossierEvent> {
  let event: DossierEvent;
  if (isPortalDossierPayload(item)) {
    const mapped = dossierEventFromPortal(item);
    const id = typeof item.MaHoSo === 'string' ? item.MaHoSo : null;
    if (!mapped.ok) return { ok: false, id, errors: mapped.errors };
    event = mapped.event;
  } else {
    const id =
      typeof item === 'object' && item !== null && typeof (item as { eventId?: unknown }).eventId === 'string' ? (item as { eventId: string }).eventId : null;
    const shape = checkCanonical(item);
    if (!shape.ok) return { ok: false, id, errors: shape.errors };
    const rules = dossierEventRuleErrors(shape.value);
    if (rules.length > 0) return { ok: false, id, errors: rules };
    event = shape.value;
  }
  if (!index.area(event.adminUnitCode))
    return {
      ok: false,
      id: event.eventId,
      errors: [{ field: '/adminUnitCode', reason: 'unknown_area', message: `administrative unit '${event.adminUnitCode}' is not in the catalogue` }],
    };
  return { ok: true, id: event.eventId, value: event };
}

/** The one-stop system's dossier events in: JSON batches and NDJSON, one result per event. */
export async function dossierEventRoutes(app: FastifyInstance, opts: DossierEventRoutesOptions): Promise<void> {
  const feed = feedRouteOptions(opts.authenticateFeed, opts.rateLimit);
  const ingest = (items: unknown[], source: string): Promise<IngestResponse> => {
    const receivedAt = opts.clock();
    return ingestChecked<NewDossierEvent>(
      items,
      (item) => {
        const c = checkDossierEvent(item, opts.index);
        return c.ok ? { ok: true, id: c.id, value: { event: c.value, receivedAt, source } } : c;
      },
      opts.writer,
    );
  };

  app.post('/api/v1/dossiers/events', { ...feed, schema: { body: BatchSchema, response: responses } }, async (req, reply) => {
    return send(reply, await ingest((req.body as { events: unknown[] }).events, req.source));
  });

  app.post('/api/v1/dossiers/events/ndjson', { ...feed, bodyLimit: opts.ndjsonLimitBytes, schema: { response: responses } }, (req, reply) =>
    handleNdjson(req, reply, ingest),
  );
}
