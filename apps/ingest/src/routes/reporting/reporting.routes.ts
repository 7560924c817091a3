import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CsvSepSchema,
  IndicatorHistoryResponseSchema,
  IndicatorValuesResponseSchema,
  PLAIN_TEXT_PATTERN,
  RankingResponseSchema,
  RegimeIdSchema,
  ReportingCatalogueResponseSchema,
  ReportReviewSchema,
  ReportUnitSchema,
  ReviewResponseSchema,
  SubmissionStatusResponseSchema,
} from '@cityioc/contracts';
import { Type, type Static } from 'typebox';
import { fileResponses, sendTable, type ExportFormat } from '../../export/export-reply.ts';
import { parseReportPeriod, roleAllows, type ScopeFilter } from '@cityioc/domain';
import { EXPORT, feedOf, READ } from '../../plugins/access.ts';
import { checkGrantedUnit } from '../../feeds/grant-check.ts';
import { httpError } from '../../plugins/errors.ts';
import { OUT_OF_SCOPE } from '../scope.ts';
import { reportingHistoryTable } from '../../reporting/reporting-export.ts';

const PeriodQuery = Type.String({ minLength: 4, maxLength: 16 });
const CodeList = Type.String({ maxLength: 2000, pattern: '^[A-Za-z0-9._,-]*$' });
const HistoryQuery = Type.Object(
  {
    indicator: Type.String({ maxLength: 64 }),
    units: Type.Optional(CodeList),
    /** The older way to ask for a file; `history.csv` / `history.xlsx` are the same. */
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
    sep: Type.Optional(CsvSepSchema),
  },
  { additionalProperties: false },
);

const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : undefined);

/**
 * The reporting system's read side and its one action (the reports come in through feeds/reporting):
 *   POST /api/v1/reporting/reviews           return or accept a submitted version (feed API key)
 *   GET  /api/v1/reporting/catalogue         indicators, units, regimes
 *   GET  /api/v1/reporting/status            ?regime=&period= — every unit's submission status
 *   GET  /api/v1/reporting/values            ?period=&units=&indicators= — values against targets
 *   GET  /api/v1/reporting/latest            ?units= — each indicator's latest reported period, against its target
 *   GET  /api/v1/reporting/rankings          ?indicator=&period=&group=department|district|commune|all
 *   GET  /api/v1/reporting/history           ?indicator=&units= (also .csv and .xlsx, or ?format=csv|xlsx)
 * Each within the caller's scope: units outside it are 403 when asked, left out otherwise; a ranking
 * shows a scoped caller only its own units (with their rank among all), without the aggregate of others.
 */
export const reportingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { reporting, clock } = app.ioc;
  const cat = reporting.cat;
  const read = { access: READ };

  const checkPeriod = (period: string) => {
    const p = parseReportPeriod(period);
    if (p.ok) return p.period;
    const reason = p.reason === 'malformed' ? 'malformed_period' : 'nonexistent_period';
    throw httpError(400, reason, p.message, [{ field: '/period', reason, message: p.message }]);
  };
  const checkIndicator = (id: string) => {
    if (cat.indicators.has(id)) return cat.indicators.get(id)!;
    const message = `indicator '${id}' is not in the reporting catalogue`;
    throw httpError(404, 'unknown_indicator', message, [{ field: '/indicator', reason: 'unknown_indicator', message }]);
  };
  /** The units asked, within the scope: an asked unit outside it is 403; none asked is every unit of the scope. */
  const scopedUnits = (units: string[] | undefined, scope: ScopeFilter): string[] | undefined => {
    checkUnits(units);
    if (scope.all) return units;
    const outside = (units ?? []).filter((u) => !scope.unit(u));
    if (outside.length > 0)
      throw httpError(
        403,
        OUT_OF_SCOPE,
        `outside your scope: ${outside.join(', ')}`,
        outside.map((u) => ({ field: '/units', reason: OUT_OF_SCOPE, message: `unit '${u}' is outside your scope` })),
      );
    return units ?? [...cat.units.keys()].filter((u) => scope.unit(u));
  };
  const checkUnits = (units: string[] | undefined) => {
    const bad = (units ?? []).filter((u) => !cat.units.has(u));
    if (bad.length > 0)
      throw httpError(
        404,
        'unknown_unit',
        `unknown unit(s): ${bad.join(', ')}`,
        bad.map((u) => ({ field: '/units', reason: 'unknown_unit', message: `unit '${u}' is not in the catalogue` })),
      );
    return units;
  };

  app.post(
    '/api/v1/reporting/reviews',
    {
      config: { access: feedOf('reporting', { orAdmin: true }) },
      schema: {
        body: Type.Object(
          {
            regime: RegimeIdSchema,
            unit: ReportUnitSchema,
            period: PeriodQuery,
            version: Type.Integer({ minimum: 1 }),
            review: ReportReviewSchema,
            note: Type.Optional(Type.String({ maxLength: 1000, pattern: PLAIN_TEXT_PATTERN })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReviewResponseSchema },
      },
    },
    async (req) => {
      const b = req.body;
      checkGrantedUnit(req, b.unit, '/unit');
      const ok = await reporting.review(b, { review: b.review, at: clock(), note: b.note ?? null });
      await app.ioc.audit.recordRequest(req, {
        action: 'report.review',
        target: `${b.regime}/${b.unit}/${b.period}/v${b.version}`,
        unit: b.unit,
        details: { review: b.review },
      });
      if (!ok) throw httpError(404, 'not_found', `no version ${b.version} of ${b.regime}/${b.unit}/${b.period}`);
      return { ...b, status: b.review };
    },
  );

  app.get('/api/v1/reporting/catalogue', { config: read, schema: { response: { 200: ReportingCatalogueResponseSchema } } }, async () => ({
    indicators: [...cat.indicators.values()],
    units: [...cat.units.values()],
    regimes: [...cat.regimes.values()],
  }));

  app.get(
    '/api/v1/reporting/status',
    {
      config: read,
      schema: {
        querystring: Type.Object({ regime: Type.String({ maxLength: 64 }), period: PeriodQuery }, { additionalProperties: false }),
        response: { 200: SubmissionStatusResponseSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const regime = cat.regimes.get(q.regime);
      if (!regime) throw httpError(404, 'unknown_regime', `regime '${q.regime}' does not exist`);
      const period = checkPeriod(q.period);
      if (!regime.periodKinds.includes(period.kind))
        throw httpError(400, 'period_not_in_regime', `${regime.id} has no ${period.kind} reports (it has ${regime.periodKinds.join(', ')})`);
      const st = await reporting.statusOf(q.regime, q.period, clock());
      const scope = req.principal!.scope;
      return scope.all ? st : { ...st, units: st.units.filter((u) => scope.unit(u.unit)) };
    },
  );

  app.get(
    '/api/v1/reporting/values',
    {
      config: read,
      schema: {
        querystring: Type.Object({ period: PeriodQuery, units: Type.Optional(CodeList), indicators: Type.Optional(CodeList) }, { additionalProperties: false }),
        response: { 200: IndicatorValuesResponseSchema },
      },
    },
    async (req) => {
      const q = req.query;
      checkPeriod(q.period);
      const units = scopedUnits(list(q.units), req.principal!.scope);
      const indicators = list(q.indicators);
      for (const i of indicators ?? []) checkIndicator(i);
      return reporting.valuesOf(q.period, { units, indicators });
    },
  );

  app.get(
    '/api/v1/reporting/latest',
    {
      config: read,
      schema: {
        querystring: Type.Object({ units: Type.Optional(CodeList) }, { additionalProperties: false }),
        response: { 200: IndicatorValuesResponseSchema },
      },
    },
    async (req) => reporting.latestOf({ units: scopedUnits(list(req.query.units), req.principal!.scope) }),
  );

  app.get(
    '/api/v1/reporting/rankings',
    {
      config: read,
      schema: {
        querystring: Type.Object(
          {
            indicator: Type.String({ maxLength: 64 }),
            period: PeriodQuery,
            group: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('district'), Type.Literal('commune'), Type.Literal('all')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: RankingResponseSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const ind = checkIndicator(q.indicator);
      checkPeriod(q.period);
      const r = await reporting.rankingOf(q.indicator, q.period, q.group ?? 'all');
      const scope = req.principal!.scope;
      if (scope.all) return r;
      const rows = r.rows.filter((x) => scope.unit(x.unit));
      const threshold = ind.rankThreshold ?? null;
      return {
        ...r,
        rows,
        aggregate: null,
        atOrAboveThreshold: threshold === null ? 0 : rows.filter((x) => x.value >= threshold).length,
        illustrative: rows.filter((x) => x.provenance === 'illustrative').length,
      };
    },
  );

  const history = async (q: Static<typeof HistoryQuery>, scope: ScopeFilter) => {
    const ind = checkIndicator(q.indicator);
    return { ind, h: await reporting.historyOf(q.indicator, { units: scopedUnits(list(q.units), scope) }) };
  };
  const sendHistory = async (q: Static<typeof HistoryQuery>, reply: Parameters<typeof sendTable>[0], format: ExportFormat, scope: ScopeFilter) => {
    const { ind, h } = await history(q, scope);
    return sendTable(reply, reportingHistoryTable(h, ind), format, `bao-cao-${ind.id}.${format}`, q.sep);
  };

  // ?format=csv|xlsx answers the file instead of the JSON
  const historyResponses = {
    200: {
      description: 'The history as JSON, or as a file with ?format=csv|xlsx',
      content: { 'application/json': { schema: IndicatorHistoryResponseSchema }, ...fileResponses('csv')[200].content, ...fileResponses('xlsx')[200].content },
    },
  };
  app.get('/api/v1/reporting/history', { config: read, schema: { querystring: HistoryQuery, response: historyResponses } }, async (req, reply) => {
    if (req.query.format === 'csv' || req.query.format === 'xlsx') {
      // a file is an export: only for the roles that may export
      if (!roleAllows(req.principal!.role, 'export')) throw httpError(403, 'forbidden', 'exports are for operators, analysts and admins');
      return sendHistory(req.query, reply, req.query.format, req.principal!.scope);
    }
    return (await history(req.query, req.principal!.scope)).h;
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/v1/reporting/history.${format}`,
      { config: { access: EXPORT }, schema: { querystring: HistoryQuery, response: fileResponses(format) } },
      async (req, reply) => sendHistory(req.query, reply, format, req.principal!.scope),
    );
};
