import type { FastifyInstance, FastifyReply } from 'fastify';
import { DossierIndicatorsQuerySchema, WatchlistQuerySchema, type DossierIndicatorsQuery, type WatchlistQuery } from '@cityioc/contracts';
import { checkPeriod, wholeMonthsOf, type CatalogueIndex } from '@cityioc/domain';
import type { DossierService } from '../../procedures/dossier.service.ts';

export interface DossierRoutesOptions {
  dossiers: DossierService;
  index: CatalogueIndex;
  clock: () => number;
  authenticateViewer: (req: never, reply: never) => Promise<unknown>;
  readRateLimitPerMinute: number;
}

/** Indicators by period, the operators' watchlist and a dossier's trail (the events come in through feeds/dossiers). */
export async function dossierRoutes(app: FastifyInstance, opts: DossierRoutesOptions): Promise<void> {
  const read = { onRequest: opts.authenticateViewer as never, config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } } };

  const notFound = (reply: FastifyReply, error: string, message: string, field: string) =>
    reply.code(404).send({ statusCode: 404, error, message, details: [{ field, reason: error, message }] });

  app.get('/api/v1/dossiers/indicators', { ...read, schema: { querystring: DossierIndicatorsQuerySchema } }, async (req, reply) => {
    const q = req.query as DossierIndicatorsQuery;
    const months = wholeMonthsOf(q.period);
    if (months === null) {
      const c = checkPeriod(q.period);
      const why = c.ok ? 'a range of dossier indicators starts on the 1st and ends on the last day of a month (the cells are kept per month)' : c.message;
      return reply.code(400).send({
        statusCode: 400,
        error: 'invalid_period',
        message: `period '${q.period}': ${why}`,
        details: [{ field: '/period', reason: c.ok ? 'not_whole_months' : c.reason, message: why }],
      });
    }
    const scope = q.scope ?? opts.index.catalogue.city.code;
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
