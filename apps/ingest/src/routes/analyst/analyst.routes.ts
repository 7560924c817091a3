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
import { localDateOf } from '@cityioc/domain';
import type { Principal } from '../../access/principal.ts';
import { EXPORT, READ } from '../../plugins/access.ts';
import { outsideScope } from '../scope.ts';

const ExportQuerySchema = Type.Object({ ...AnalystSeriesQuerySchema.properties, sep: Type.Optional(CsvSepSchema) }, { additionalProperties: false });

/**
 * The analyst's history API: series by period for several areas, drill-down children, and the
 * series as CSV or XLSX (the same table, the same numbers). A refused query (AnalystError) is
 * answered by the error handler with the parameter it is about.
 */
export const analystRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { analyst, clock } = app.ioc;
  const read = { access: READ };
  // every area asked must lie in the caller's scope (for a scoped caller an unknown code is outside it too)
  const request = (q: AnalystSeriesQuery, p: Principal) => {
    const areas = [...new Set(q.areas.split(','))];
    for (const a of areas) outsideScope(p, a, '/areas');
    return {
      indicator: q.indicator,
      areas,
      period: q.period,
      from: q.from,
      to: q.to,
      compare: q.compare === 'previous',
      view: q.view ?? 'today',
    };
  };

  app.get(
    '/api/v1/analyst/series',
    { config: read, schema: { querystring: AnalystSeriesQuerySchema, response: { 200: AnalystSeriesResponseSchema } } },
    async (req) => analyst.series(request(req.query, req.principal!), clock()),
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/v1/analyst/series.${format}`,
      { config: { access: EXPORT }, schema: { querystring: ExportQuerySchema, response: fileResponses(format) } },
      async (req, reply) => {
        const lang = req.query.lang ?? 'vi';
        const res = await analyst.series(request(req.query, req.principal!), clock());
        return sendTable(reply, analystTable(res, lang, analyst.indicatorDisplay(res.indicator, lang)), format, analystFileName(res, format), req.query.sep);
      },
    );

  app.get(
    '/api/v1/analyst/children',
    { config: read, schema: { querystring: AnalystChildrenQuerySchema, response: { 200: AnalystChildrenResponseSchema } } },
    async (req) => {
      outsideScope(req.principal!, req.query.area, '/area');
      return analyst.children(req.query.area, req.query.at ?? localDateOf(clock()));
    },
  );
};
