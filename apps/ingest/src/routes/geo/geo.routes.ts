import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AgenciesResponseSchema, ApiErrorSchema, AreasResponseSchema, AtQuerySchema, ClientConfigSchema, GeoAreasResponseSchema } from '@cityioc/contracts';
import { isIsoDate, latestLayerDate, localDateOf } from '@cityioc/domain';
import { READ } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';
import { geoInScope } from './geo-scope.ts';

/** The date of a request: `at` (a real calendar date YYYY-MM-DD) or today in Asia/Ho_Chi_Minh; anything else is 400 invalid_date. */
export function dateOf(at: string | undefined, now: number): string {
  if (at === undefined) return localDateOf(now);
  if (!isIsoDate(at))
    throw httpError(400, 'invalid_date', `at=${at} is not a date YYYY-MM-DD`, [
      { field: '/at', reason: 'invalid_date', message: `'${at}' is not a calendar date YYYY-MM-DD` },
    ]);
  return at;
}

/**
 * The geography reads: the units and the agencies in force on a date, the map's geometry of that
 * date (with an ETag: the wall revalidates and gets 304 until a boundary import or the day's layer
 * changes it), and the dashboard's small configuration (the basemap).
 */
export const geoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { registry, agencies, geo, clock, config } = app.ioc;
  const read = { access: READ };

  app.get(
    '/api/v1/areas',
    { config: read, schema: { querystring: AtQuerySchema, response: { 200: AreasResponseSchema, '4xx': ApiErrorSchema } } },
    async (req) => {
      const at = dateOf(req.query.at, clock());
      const root = registry.file.root;
      const units = registry.unitsValidAt(at).filter((u) => registry.ancestorsAt(u.code, at).includes(root));
      return { at, units };
    },
  );

  app.get(
    '/api/v1/agencies',
    { config: read, schema: { querystring: AtQuerySchema, response: { 200: AgenciesResponseSchema, '4xx': ApiErrorSchema } } },
    async (req) => {
      const at = dateOf(req.query.at, clock());
      return { at, agencies: agencies.agenciesAt(at) };
    },
  );

  const geoResponses = {
    200: { description: 'The units in force that day, and the city outline', content: { 'application/geo+json': { schema: GeoAreasResponseSchema } } },
    304: { type: 'null', description: 'Not modified (If-None-Match matched the ETag)' },
  };
  app.get('/api/v1/geo/areas', { config: read, schema: { querystring: AtQuerySchema, response: geoResponses } }, async (req, reply) => {
    const at = dateOf(req.query.at, clock());
    const { etag, body } = geoInScope(geo.collection(at), req.principal!.scope, registry, at);
    // revalidate every time (a new import is seen at once), answered 304 while unchanged
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'authorization');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/geo+json; charset=utf-8').send(body);
  });

  app.get('/api/v1/config', { config: read, schema: { response: { 200: ClientConfigSchema } } }, async () => {
    const root = registry.file.root;
    const city = registry.versions(root).at(-1)!;
    return {
      basemap: config.basemapFile ? { url: '/api/v1/basemap.pmtiles' } : null,
      city: { code: root, name: city.name, todayFrom: latestLayerDate(registry) },
      today: localDateOf(clock()),
      dossierUrlTemplate: config.dossierUrlTemplate,
    };
  });
};
