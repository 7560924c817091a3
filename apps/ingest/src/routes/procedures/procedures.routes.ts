import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ProceduresResponseSchema,
  ReferenceBatchSchema,
  ReferencePutResponseSchema,
  SchedulesResponseSchema,
  type ReferencePutResponse,
} from '@cityioc/contracts';
import type { Static } from 'typebox';
import { feedOf, READ } from '../../plugins/access.ts';

const responses = { 200: ReferencePutResponseSchema, 422: ReferencePutResponseSchema };

/** 200 when nothing was rejected; 422 otherwise (the valid items are stored: a retry is safe). */
function send(reply: FastifyReply, res: ReferencePutResponse) {
  return reply.code(res.rejected > 0 ? 422 : 200).send(res);
}

/**
 * Reference documents an administrator maintains: the procedure catalogue (legal processing
 * times for dossiers without NgayHenTra) and next year's working-day schedule. Both take effect
 * for new computations at once, without a restart.
 *   GET/PUT /api/v1/procedures        {"items": [ProcedureItem…]}
 *   GET/PUT /api/v1/calendar/schedules {"items": [OfficialYearSchedule…]}
 */
export const procedureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { procedures, calendars, clock, audit } = app.ioc;
  // an administrator, or a feed key granted the endpoint (the simulator loads the demo catalogue); no feed-health book
  const write = (endpoint: 'procedures' | 'calendar') => ({
    config: { access: feedOf(endpoint, { health: false, orAdmin: true }) },
    schema: { body: ReferenceBatchSchema, response: responses },
  });
  const audited = async (req: FastifyRequest, action: string, res: ReferencePutResponse) => {
    await audit.recordRequest(req, { action, details: { stored: res.stored, unchanged: res.unchanged, rejected: res.rejected } });
    return res;
  };

  app.get('/api/v1/procedures', { config: { access: READ }, schema: { response: { 200: ProceduresResponseSchema } } }, async () => procedures.list(clock()));
  app.put('/api/v1/procedures', write('procedures'), async (req, reply) =>
    send(reply, await audited(req, 'procedures.put', await procedures.put(req.body.items, req.source || 'api', clock()))),
  );

  // the domain's schedules are readonly structures of the same shape (the route tests check the answer against the schema)
  const schedules = () => calendars.list() as unknown as Static<typeof SchedulesResponseSchema>;
  app.get('/api/v1/calendar/schedules', { config: { access: READ }, schema: { response: { 200: SchedulesResponseSchema } } }, async () => schedules());
  app.put('/api/v1/calendar/schedules', write('calendar'), async (req, reply) =>
    send(reply, await audited(req, 'calendar.put', await calendars.put(req.body.items, req.source || 'api', clock()))),
  );
};
