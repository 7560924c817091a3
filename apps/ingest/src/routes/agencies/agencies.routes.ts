import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AgenciesQuerySchema, AgenciesResponseSchema, ApiErrorSchema, type AgencyDto } from '@cityioc/contracts';
import { localDateOf, type Agency } from '@cityioc/domain';
import { READ } from '../../plugins/access.ts';
import { fieldError } from '../../plugins/errors.ts';

const dto = (a: Agency): AgencyDto => ({
  code: a.code,
  name: { vi: a.name.vi, en: a.name.en },
  level: a.level,
  adminUnitCode: a.adminUnitCode,
  parent: a.parent ?? null,
  validFrom: a.validFrom ?? null,
  validTo: a.validTo ?? null,
});

/** The agency catalogue as of a date, for screens that name agencies (the code stays secondary). */
export const agencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { agencies, clock } = app.ioc;
  app.get(
    '/api/v1/agencies',
    { config: { access: READ }, schema: { querystring: AgenciesQuerySchema, response: { 200: AgenciesResponseSchema, '4xx': ApiErrorSchema } } },
    async (req) => {
      const at = req.query.at ?? localDateOf(clock());
      if (Number.isNaN(Date.parse(`${at}T00:00:00Z`)) || new Date(`${at}T00:00:00Z`).toISOString().slice(0, 10) !== at)
        throw fieldError(400, 'invalid_date', '/at', `at=${at} is not a calendar date (yyyy-mm-dd)`);
      const list = agencies.agencies.filter((a) => (a.validFrom === undefined || a.validFrom <= at) && (a.validTo === undefined || at < a.validTo));
      return { at, agencies: list.map(dto) };
    },
  );
};
