import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiErrorSchema,
  BoundaryImportQuerySchema,
  BoundaryImportReportSchema,
  BoundaryImportResultSchema,
  BoundaryVersionsResponseSchema,
} from '@cityioc/contracts';
import { checkBoundaryImport } from '../../geo/boundary-import.ts';
import { BoundaryFileError, GEOJSON_TYPES, readBoundaryFile, ZIP_TYPES } from '../../geo/boundary-file.ts';
import { ADMIN } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';
import { importSlots } from '../../feeds/reporting/import-slots.ts';
import { dateOf } from './geo.routes.ts';

/**
 * Official boundaries imported at run time by an administrator:
 *   POST /api/v1/admin/boundaries?dryRun=true&at=&fileName=   the checks only → 200 BoundaryImportReport
 *   POST /api/v1/admin/boundaries?at=&fileName=                the checks, then the import stored as a new
 *        version whole (201) or nothing (422 with the report); the maps use it at once
 *   GET  /api/v1/admin/boundaries                              the committed versions, newest first
 * The body is the file: GeoJSON or TopoJSON (application/geo+json, application/json) or a zipped
 * Shapefile (application/zip); anything else 415, larger than IOC_BOUNDARY_LIMIT_BYTES 413.
 * Projected coordinates (VN-2000 / UTM) are refused per feature with a message that says so (422).
 */
export const boundaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { geo, registry, clock, config } = app.ioc;
  const limit = config.boundaryLimitBytes;
  const types = [...GEOJSON_TYPES, 'application/topo+json', ...ZIP_TYPES];
  // the raw file, only inside this plugin (the JSON parser would hand a parsed object to the route)
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
  // checks take seconds of CPU for a city's file: at most two at once, others get 503 + Retry-After
  const withSlot = importSlots();

  app.post(
    '/api/v1/admin/boundaries',
    {
      config: { access: ADMIN },
      bodyLimit: limit,
      schema: {
        querystring: BoundaryImportQuerySchema,
        response: { 200: BoundaryImportReportSchema, 201: BoundaryImportResultSchema, 422: BoundaryImportReportSchema, '4xx': ApiErrorSchema },
      },
    },
    (req, reply) =>
      withSlot(reply, async () => {
        const now = clock();
        const at = dateOf(req.query.at, now);
        const dryRun = req.query.dryRun === 'true' || req.query.dryRun === '1';
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw httpError(400, 'empty_body', 'send the boundary file as the body');
        let file;
        try {
          file = await readBoundaryFile(body, req.headers['content-type'] ?? '');
        } catch (e) {
          if (e instanceof BoundaryFileError) throw httpError(e.status, e.code, e.message);
          throw e;
        }
        const { report, prepared } = checkBoundaryImport(file, registry, at, req.query.fileName ?? null);
        if (dryRun) return reply.code(200).send(report);
        if (!report.ok) return reply.code(422).send(report);
        const committed = await geo.commit(prepared, req.principal?.actor ?? req.source ?? 'admin', now);
        req.log.info({ version: committed.version.version, stored: committed.stored, units: prepared.features.length, at }, 'boundary import committed');
        await app.ioc.audit.recordRequest(req, {
          action: 'boundaries.import',
          target: `v${committed.version.version}`,
          details: { units: prepared.features.length, validFrom: at, fileName: req.query.fileName ?? null },
        });
        return reply.code(201).send({ ...committed, report });
      }),
  );

  app.get('/api/v1/admin/boundaries', { config: { access: ADMIN }, schema: { response: { 200: BoundaryVersionsResponseSchema } } }, async () => ({
    versions: geo.versions(),
  }));
};
