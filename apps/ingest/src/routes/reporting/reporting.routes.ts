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
import { parseReportPeriod } from '@cityioc/domain';
import { Type, type Static } from 'typebox';
import { fileResponses, sendTable, type ExportFormat } from '../../export/export-reply.ts';
import { FEED, READ } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';
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
 *   GET  /api/v1/reporting/rankings          ?indicator=&period=&group=department|district|all
 *   GET  /api/v1/reporting/history           ?indicator=&units= (also .csv and .xlsx, or ?format=csv|xlsx)
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
      config: { access: FEED },
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
      const ok = await reporting.review(b, { review: b.review, at: clock(), note: b.note ?? null });
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
      return reporting.statusOf(q.regime, q.period, clock());
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
      const units = checkUnits(list(q.units));
      const indicators = list(q.indicators);
      for (const i of indicators ?? []) checkIndicator(i);
      return reporting.valuesOf(q.period, { units, indicators });
    },
  );

  app.get(
    '/api/v1/reporting/latest',
    {
      config: read,
      schema: { querystring: Type.Object({ units: Type.Optional(CodeList) }, { additionalProperties: false }), response: { 200: IndicatorValuesResponseSchema } },
    },
    async (req) => reporting.latestOf({ units: checkUnits(list(req.query.units)) }),
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
            group: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('district'), Type.Literal('all')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: RankingResponseSchema },
      },
    },
    async (req) => {
      const q = req.query;
      checkIndicator(q.indicator);
      checkPeriod(q.period);
      return reporting.rankingOf(q.indicator, q.period, q.group ?? 'all');
    },
  );

  const history = async (q: Static<typeof HistoryQuery>) => {
    const ind = checkIndicator(q.indicator);
    return { ind, h: await reporting.historyOf(q.indicator, { units: checkUnits(list(q.units)) }) };
  };
  const sendHistory = async (q: Static<typeof HistoryQuery>, reply: Parameters<typeof sendTable>[0], format: ExportFormat) => {
    const { ind, h } = await history(q);
    return sendTable(reply, reportingHistoryTable(h, ind), format, `bao-cao-${ind.id}.${format}`, q.sep);
  };

  // ?format=csv|xlsx answers the file instead of the JSON
  const historyResponses = {
    200: { description: 'The history as JSON, or as a file with ?format=csv|xlsx', content: {
      'application/json': { schema: IndicatorHistoryResponseSchema },
      ...fileResponses('csv')[200].content,
      ...fileResponses('xlsx')[200].content,
    } },
  };
  app.get('/api/v1/reporting/history', { config: read, schema: { querystring: HistoryQuery, response: historyResponses } }, async (req, reply) => {
    if (req.query.format === 'csv' || req.query.format === 'xlsx') return sendHistory(req.query, reply, req.query.format);
    return (await history(req.query)).h;
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/api/v1/reporting/history.${format}`, { config: read, schema: { querystring: HistoryQuery, response: fileResponses(format) } }, async (req, reply) =>
      sendHistory(req.query, reply, format),
    );
};
