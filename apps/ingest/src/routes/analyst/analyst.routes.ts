import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AnalystChildrenQuerySchema,
  AnalystChildrenResponseSchema,
  AnalystSeriesQuerySchema,
  AnalystSeriesResponseSchema,
  CsvSepSchema,
  type AnalystSeriesQuery,
} from '@cityioc/contracts';
import { Type } from 'typebox';
import { analystFileName, analystTable } from '../../analyst/analyst-export.ts';
import { fileResponses, sendTable } from '../../export/export-reply.ts';
import { READ } from '../../plugins/access.ts';

const ExportQuerySchema = Type.Object({ ...AnalystSeriesQuerySchema.properties, sep: Type.Optional(CsvSepSchema) }, { additionalProperties: false });

/**
 * The analyst's history API: series by period for several areas, drill-down children, and the
 * series as CSV or XLSX (the same table, the same numbers). A refused query (AnalystError) is
 * answered by the error handler with the parameter it is about.
 */
export const analystRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { analyst, clock } = app.ioc;
  const read = { access: READ };
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
    { config: read, schema: { querystring: AnalystSeriesQuerySchema, response: { 200: AnalystSeriesResponseSchema } } },
    async (req) => analyst.series(request(req.query), clock()),
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/api/v1/analyst/series.${format}`, { config: read, schema: { querystring: ExportQuerySchema, response: fileResponses(format) } }, async (req, reply) => {
      const lang = req.query.lang ?? 'vi';
      const res = await analyst.series(request(req.query), clock());
      return sendTable(reply, analystTable(res, lang, analyst.indicatorDisplay(res.indicator, lang)), format, analystFileName(res, format), req.query.sep);
    });

  app.get(
    '/api/v1/analyst/children',
    { config: read, schema: { querystring: AnalystChildrenQuerySchema, response: { 200: AnalystChildrenResponseSchema } } },
    async (req) => analyst.children(req.query.area),
  );
};
