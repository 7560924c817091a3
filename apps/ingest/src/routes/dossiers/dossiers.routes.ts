import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  DossierEventSchema,
  DossierIndicatorsQuerySchema,
  MAX_DOSSIER_BATCH_ITEMS,
  WatchlistQuerySchema,
  dossierEventFromPortal,
  dossierEventRuleErrors,
  isPortalDossierPayload,
  type DossierEvent,
  type DossierIndicatorsQuery,
  type IngestResponse,
  type WatchlistQuery,
} from '@cityioc/contracts';
import type { CatalogueIndex } from '@cityioc/domain';
import { Type } from 'typebox';
import type { DossierService } from '../../procedures/dossier.service.ts';
import type { GroupCommitWriter } from '../../pipeline/group-commit.ts';
import { ingestChecked, type ItemCheck } from '../../pipeline/ingest.service.ts';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import type { NewDossierEvent } from '../../store/store.ts';
import { feedRouteOptions, handleNdjson, ingestResponses as responses, sendIngest as send } from '../../pipeline/feed-route.ts';

export interface DossierRoutesOptions {
  dossiers: DossierService;
  writer: GroupCommitWriter<NewDossierEvent>;
  index: CatalogueIndex;
  clock: () => number;
  authenticateFeed: (req: never, reply: never) => Promise<unknown>;
  authenticateViewer: (req: never, reply: never) => Promise<unknown>;
  ndjsonLimitBytes: number;
  rateLimit: { max: number; timeWindow: string };
  readRateLimitPerMinute: number;
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

/** Dossier events in; indicators by period, the operators' watchlist and a dossier's trail out. */
export async function dossierRoutes(app: FastifyInstance, opts: DossierRoutesOptions): Promise<void> {
  const feed = feedRouteOptions(opts.authenticateFeed, opts.rateLimit);
  const read = { onRequest: opts.authenticateViewer as never, config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } } };
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

  const notFound = (reply: FastifyReply, error: string, message: string, field: string) =>
    reply.code(404).send({ statusCode: 404, error, message, details: [{ field, reason: error, message }] });

  app.get('/api/v1/dossiers/indicators', { ...read, schema: { querystring: DossierIndicatorsQuerySchema } }, async (req, reply) => {
    const q = req.query as DossierIndicatorsQuery;
    const scope = q.scope ?? '92';
    if (!opts.index.area(scope)) return notFound(reply, 'unknown_scope', `scope '${scope}' is not an area of the catalogue`, '/scope');
    return opts.dossiers.indicatorsOf(q.period, scope, q.by ?? 'area', opts.clock());
  });

  app.get('/api/v1/dossiers/watchlist', { ...read, schema: { querystring: WatchlistQuerySchema } }, async (req, reply) => {
    const q = req.query as WatchlistQuery;
    if (q.area !== undefined && !opts.index.area(q.area)) return notFound(reply, 'unknown_area', `area '${q.area}' is not in the catalogue`, '/area');
    return opts.dossiers.watchlist({ area: q.area, agency: q.agency, within: q.within ?? 2, limit: q.limit ?? 1000 }, opts.clock());
  });

  app.get('/api/v1/dossiers/:code', read, async (req, reply) => {
    const { code } = req.params as { code: string };
    const d = opts.dossiers.detail(code, opts.clock());
    if (!d) return notFound(reply, 'unknown_dossier', `no dossier '${code}' has been received`, '/code');
    return d;
  });
}
