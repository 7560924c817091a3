import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiErrorSchema, ReferenceBatchSchema, ReferencePutResponseSchema, type ReferencePutResponse } from '@cityioc/contracts';
import type { CalendarService } from '../../procedures/calendar.service.ts';
import type { ProcedureService } from '../../procedures/procedure.service.ts';

export interface ProcedureRoutesOptions {
  procedures: ProcedureService;
  calendar: CalendarService;
  clock: () => number;
  /** Writes need a feed/admin API key for now (the access issue adds roles). */
  authenticateFeed: (req: never, reply: never) => Promise<unknown>;
  authenticateViewer: (req: never, reply: never) => Promise<unknown>;
  rateLimit: { max: number; timeWindow: string };
  readRateLimitPerMinute: number;
}

const responses = { 200: ReferencePutResponseSchema, 422: ReferencePutResponseSchema, '4xx': ApiErrorSchema };

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
export async function procedureRoutes(app: FastifyInstance, opts: ProcedureRoutesOptions): Promise<void> {
  const read = { onRequest: opts.authenticateViewer as never, config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } } };
  const write = {
    onRequest: opts.authenticateFeed as never,
    config: { rateLimit: opts.rateLimit },
    schema: { body: ReferenceBatchSchema, response: responses },
  };

  app.get('/api/v1/procedures', read, async () => opts.procedures.list(opts.clock()));
  app.put('/api/v1/procedures', write, async (req, reply) =>
    send(reply, await opts.procedures.put((req.body as { items: unknown[] }).items, req.source ?? 'api', opts.clock())),
  );

  app.get('/api/v1/calendar/schedules', read, async () => opts.calendar.list());
  app.put('/api/v1/calendar/schedules', write, async (req, reply) =>
    send(reply, await opts.calendar.put((req.body as { items: unknown[] }).items, req.source ?? 'api', opts.clock())),
  );
}
