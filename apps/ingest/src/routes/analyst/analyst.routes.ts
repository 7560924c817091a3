import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  AnalystChildrenQuerySchema,
  AnalystChildrenResponseSchema,
  AnalystSeriesQuerySchema,
  AnalystSeriesResponseSchema,
  ApiErrorSchema,
  type AnalystSeriesQuery,
} from '@cityioc/contracts';
import { AnalystError, type AnalystService } from '../../analyst/analyst.service.ts';
import { exportFileName, toCsv, toXlsx } from '../../analyst/analyst-export.ts';

export interface AnalystRoutesOptions {
  analyst: AnalystService;
  clock: () => number;
  readRateLimitPerMinute: number;
  authenticate: (req: never, reply: never) => Promise<unknown>;
}

/** The analyst's history API: series by period for several areas, drill-down children, CSV and XLSX exports. */
export async function analystRoutes(app: FastifyInstance, opts: AnalystRoutesOptions): Promise<void> {
  const { analyst } = opts;
  const read = { onRequest: opts.authenticate as never, config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } } };
  const refuse = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof AnalystError)) throw e;
    return reply.code(e.statusCode).send({
      statusCode: e.statusCode,
      error: e.error,
      message: e.message,
      details: [{ field: e.field, reason: e.error, message: e.message }],
      ...e.extra,
    });
  };
  const request = (q: AnalystSeriesQuery) => ({
    indicator: q.indicator,
    areas: [...new Set(q.areas.split(','))],
    period: q.period,
    from: q.from,
    to: q.to,
    compare: q.compare === 'previous',
  });

  app.get(
    '/api/v1/analyst/series',
    { ...read, schema: { querystring: AnalystSeriesQuerySchema, response: { 200: AnalystSeriesResponseSchema } } },
    async (req, reply) => {
      try {
        return await analyst.series(request(req.query as AnalystSeriesQuery), opts.clock());
      } catch (e) {
        return refuse(reply, e);
      }
    },
  );

  app.get('/api/v1/analyst/series.csv', { ...read, schema: { querystring: AnalystSeriesQuerySchema } }, async (req, reply) => {
    const q = req.query as AnalystSeriesQuery;
    try {
      const res = await analyst.series(request(q), opts.clock());
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportFileName(res, 'csv')}"`)
        .send(toCsv(res, q.lang ?? 'vi'));
    } catch (e) {
      return refuse(reply, e);
    }
  });

  app.get('/api/v1/analyst/series.xlsx', { ...read, schema: { querystring: AnalystSeriesQuerySchema } }, async (req, reply) => {
    const q = req.query as AnalystSeriesQuery;
    try {
      const res = await analyst.series(request(q), opts.clock());
      const name = analyst.indicatorName(res.indicator, q.lang ?? 'vi');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportFileName(res, 'xlsx')}"`)
        .send(await toXlsx(res, q.lang ?? 'vi', name));
    } catch (e) {
      return refuse(reply, e);
    }
  });

  app.get(
    '/api/v1/analyst/children',
    { ...read, schema: { querystring: AnalystChildrenQuerySchema, response: { 200: AnalystChildrenResponseSchema, '4xx': ApiErrorSchema } } },
    async (req, reply) => {
      try {
        return analyst.children((req.query as { area: string }).area);
      } catch (e) {
        return refuse(reply, e);
      }
    },
  );
}
