import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Score766ItemsResponseSchema,
  Score766ResponseSchema,
  ApiErrorSchema,
  ReferenceBatchSchema,
  ReferencePutResponseSchema,
  Score766ItemsQuerySchema,
  Score766QuerySchema,
  type Score766ItemsResponse,
} from '@cityioc/contracts';
import { checkPeriod, SCORE_766_SCHEMES, wholeMonthsOf, type Score766Metric } from '@cityioc/domain';
import { Type } from 'typebox';
import { exportFileName, exportQueryOf, fileResponses, sendTable } from '../../export/export-reply.ts';
import type { Principal } from '../../access/principal.ts';
import { EXPORT, feedOf, READ } from '../../plugins/access.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';
import { metricItems } from '../../procedures/score766-items.ts';
import { score766ItemsTable } from '../../procedures/score766-export.ts';
import type { ScoreQuery } from '../../procedures/score766.service.ts';
import { resolveUnit } from '../../procedures/unit-scope.ts';
import { outOfScopeError } from '../scope.ts';

const MetricParams = Type.Object({ metric: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.]+$' }) });
const ExportQuerySchema = exportQueryOf(Score766ItemsQuerySchema);
/** Writes need a feed/admin API key for now (the access issue adds roles). */
/** An administrator, or a feed key granted the score766 endpoint (the unit splits are reference data). */
const WRITE = feedOf('score766', { health: false, orAdmin: true });

/** Every metric of both schemes, by code (the current scheme's definition first). */
const METRICS = new Map<string, Score766Metric>();
for (const s of [SCORE_766_SCHEMES['dvcqg-current'], SCORE_766_SCHEMES['qd766-2022']])
  for (const g of s.groups) for (const m of g.metrics) if (!METRICS.has(m.id)) METRICS.set(m.id, m);

/**
 * The computed Decision 766 scorecard (BRIEF §1), its drill-down and the configured splits.
 *   GET /api/v1/score766?unit=&period=&scheme=&procedure=&officialUnit=
 *   GET /api/v1/score766/:metric/items?unit=&period=&part=&offset=&limit=   (.csv and .xlsx: every row of the part)
 *   GET /api/v1/score766/splits, PUT /api/v1/score766/splits {"items": [...]}
 */
export const score766Routes: FastifyPluginAsyncTypebox = async (app) => {
  const { score766, score766Splits, dossiers, pakn, index, agencies, clock } = app.ioc;
  const city = index.catalogue.city.code;

  // a scoped caller reads the units and agencies of their scope; without `unit`, their only unit (or the city for the whole city)
  const query = (q: { unit?: string | undefined; period: string; procedure?: string | undefined }, p: Principal): ScoreQuery => {
    if (wholeMonthsOf(q.period) === null) {
      const c = checkPeriod(q.period);
      const why = c.ok ? 'a range starts on the 1st and ends on the last day of a month (dossier counts are kept per month)' : c.message;
      throw httpError(400, 'invalid_period', `period '${q.period}': ${why}`, [
        { field: '/period', reason: c.ok ? 'not_whole_months' : c.reason, message: why },
      ]);
    }
    const mine = [...p.scopes.units, ...p.scopes.agencies];
    const code = q.unit ?? (p.scope.all ? city : mine.length === 1 ? mine[0]! : undefined);
    if (code === undefined) throw fieldError(400, 'scope_required', '/unit', `name one of your units: ${mine.join(', ')}`);
    const unit = resolveUnit(code, index, agencies);
    if (!unit) throw fieldError(404, 'unknown_unit', '/unit', `unit '${code}' is neither an area of the area catalogue nor an agency of the agency catalogue`);
    if (!p.scope.all && !(unit.kind === 'agency' ? p.scope.agency(code) : p.scope.area(code))) throw outOfScopeError('/unit', `${code} is outside your scope`);
    const procedure = q.procedure === undefined ? null : q.procedure.slice(0, 8);
    return { unit, period: q.period, procedure, now: clock() };
  };

  app.get(
    '/api/v1/score766',
    { config: { access: READ }, schema: { querystring: Score766QuerySchema, response: { 200: Score766ResponseSchema } } },
    async (req) => {
      const q = query(req.query, req.principal!);
      return score766.scorecard(q, SCORE_766_SCHEMES[req.query.scheme ?? 'dvcqg-current'], req.query.officialUnit ?? q.unit.code);
    },
  );

  const items = (
    metricCode: string,
    raw: { unit?: string | undefined; period: string; procedure?: string | undefined; part?: 'numerator' | 'denominator' | 'outside' | undefined },
    p: Principal,
  ) => {
    const metric = METRICS.get(metricCode);
    if (!metric) throw fieldError(404, 'unknown_metric', '/metric', `'${metricCode}' is not a Decision 766 metric code (e.g. PUBLISH_ON_TIME, 2.1, 3.3)`);
    if (!metric.counts) throw fieldError(404, 'no_items', '/metric', `metric ${metricCode} has no published formula: there are no items behind it`);
    const q = query(raw, p);
    const part = raw.part ?? 'denominator';
    const rows = metricItems(metric, q, { score: score766, dossiers, pakn }).filter((r) => (part === 'numerator' ? r.num : part === 'outside' ? !r.num : true));
    return { metric, q, part, rows };
  };

  app.get(
    '/api/v1/score766/:metric/items',
    { config: { access: READ }, schema: { params: MetricParams, querystring: Score766ItemsQuerySchema, response: { 200: Score766ItemsResponseSchema } } },
    async (req): Promise<Score766ItemsResponse> => {
      const { metric, q, part, rows } = items(req.params.metric, req.query, req.principal!);
      const offset = req.query.offset ?? 0;
      const limit = req.query.limit ?? 200;
      return {
        metric: metric.id,
        indicator: metric.indicator,
        unit: q.unit.code,
        period: q.period,
        kind: metric.counts!,
        part,
        total: rows.length,
        offset,
        limit,
        items: rows.slice(offset, offset + limit).map((r) => r.item),
        asOf: q.now,
      };
    },
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/v1/score766/:metric/items.${format}`,
      { config: { access: EXPORT }, schema: { params: MetricParams, querystring: ExportQuerySchema, response: fileResponses(format) } },
      async (req, reply) => {
        const { metric, q, part, rows } = items(req.params.metric, req.query, req.principal!);
        const table = score766ItemsTable(metric, rows, req.query.lang ?? 'vi', { index, agencies, part, period: q.period, unit: q.unit.code });
        return sendTable(reply, table, format, exportFileName(['766', metric.id, q.unit.code, q.period, part], format), req.query.sep);
      },
    );

  // the splits as configured (reference items, see PUT)
  const SplitsResponse = Type.Object({ asOf: Type.Number(), items: Type.Array(Type.Object({}, { additionalProperties: true })) });
  app.get('/api/v1/score766/splits', { config: { access: READ }, schema: { response: { 200: SplitsResponse } } }, async () => ({
    asOf: clock(),
    items: score766Splits.list(),
  }));
  app.put(
    '/api/v1/score766/splits',
    {
      config: { access: WRITE },
      schema: { body: ReferenceBatchSchema, response: { 200: ReferencePutResponseSchema, 422: ReferencePutResponseSchema, '4xx': ApiErrorSchema } },
    },
    async (req, reply) => {
      const res = await score766Splits.put(req.body.items, req.source || 'api', clock());
      await app.ioc.audit.recordRequest(req, {
        action: 'score766.splits_put',
        details: { stored: res.stored, unchanged: res.unchanged, rejected: res.rejected },
      });
      return reply.code(res.rejected > 0 ? 422 : 200).send(res);
    },
  );
};
