import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AlertAckBodySchema,
  AlertAssignBodySchema,
  AlertDetailSchema,
  AlertListQuerySchema,
  AlertListResponseSchema,
  AlertNoteBodySchema,
  ApiErrorSchema,
  type AlertAssignBody,
  type AlertListQuery,
  type AlertStatus,
} from '@cityioc/contracts';
import type { LifecycleCommand } from '@cityioc/domain';
import type { AlertService, Operator } from '../../alerts/alert.service.ts';
import type { MonitoringService } from '../../monitoring/monitoring.service.ts';

export interface AlertRoutesOptions {
  alerts: AlertService;
  monitoring: MonitoringService;
  clock: () => number;
  resolveOperator: (req: FastifyRequest) => Operator | null;
  /** Viewer check for requests without an operator token. */
  authenticateViewer: (req: never, reply: never) => Promise<unknown>;
  readRateLimitPerMinute: number;
  knownScope: (code: string) => boolean;
}

const err = (statusCode: number, error: string, message: string, field?: string) => ({
  statusCode,
  error,
  message,
  ...(field ? { details: [{ field, reason: error, message }] } : {}),
});

/**
 * Alerts: the list and detail for viewers (the wall) and operators (only their scope), and the
 * lifecycle commands for operators. Air quality per station (NowCast with dominant pollutant).
 */
export async function alertRoutes(app: FastifyInstance, opts: AlertRoutesOptions): Promise<void> {
  const { alerts } = opts;
  const rate = { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } };
  // operator token → that operator's scope; otherwise a viewer (who sees every alert, acts on none)
  const readAuth = async (req: FastifyRequest, reply: FastifyReply) => {
    req.operator = opts.resolveOperator(req);
    if (!req.operator) return (opts.authenticateViewer as unknown as (r: FastifyRequest, p: FastifyReply) => Promise<unknown>)(req, reply);
  };
  const writeAuth = async (req: FastifyRequest, reply: FastifyReply) => {
    req.operator = opts.resolveOperator(req);
    if (!req.operator)
      return reply
        .code(401)
        .send(err(401, 'unauthorized', 'an operator token is required (x-operator-token or Authorization: Bearer); viewers can only read alerts'));
  };

  app.get(
    '/api/v1/alerts',
    { onRequest: readAuth, config: rate, schema: { querystring: AlertListQuerySchema, response: { 200: AlertListResponseSchema, '4xx': ApiErrorSchema } } },
    async (req, reply) => {
      const q = req.query as AlertListQuery;
      if (q.scope && !opts.knownScope(q.scope))
        return reply.code(404).send(err(404, 'unknown_scope', `scope '${q.scope}' is not an area of the catalogue`, '/scope'));
      let since: number | undefined;
      if (q.since !== undefined) {
        since = /^\d+$/.test(q.since) ? Number(q.since) : Date.parse(q.since);
        if (Number.isNaN(since) || (!/^\d+$/.test(q.since) && !/(Z|[+-]\d{2}:\d{2})$/.test(q.since)))
          return reply.code(400).send(err(400, 'invalid_since', 'since must be RFC 3339 with an offset, or epoch milliseconds', '/since'));
      }
      const status = q.status ? (q.status.split(',') as AlertStatus[]) : undefined;
      const list = await alerts.list({ status, scope: q.scope, since, limit: q.limit ?? 200 }, req.operator);
      return { serverTime: opts.clock(), alerts: list };
    },
  );

  app.get('/api/v1/alerts/me', { onRequest: writeAuth, config: rate }, async (req) => req.operator);

  app.get(
    '/api/v1/alerts/:id',
    { onRequest: readAuth, config: rate, schema: { response: { 200: AlertDetailSchema, '4xx': ApiErrorSchema } } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const d = await alerts.detail(id, req.operator);
      if (!d) return reply.code(404).send(err(404, 'not_found', `alert ${id} does not exist${req.operator ? ' in your scope' : ''}`));
      return d;
    },
  );

  const command = (path: string, schema: object, toCmd: (body: Record<string, unknown>) => LifecycleCommand) =>
    app.post(
      `/api/v1/alerts/:id/${path}`,
      { onRequest: writeAuth, config: rate, schema: { body: schema, response: { '4xx': ApiErrorSchema } } },
      async (req, reply) => {
        const { id } = req.params as { id: string };
        const r = await alerts.command(id, toCmd((req.body ?? {}) as Record<string, unknown>), req.operator!);
        if (!r.ok) return reply.code(r.status).send(err(r.status, r.reason, r.message));
        return { alert: r.alert, event: r.event };
      },
    );
  command('ack', AlertAckBodySchema, (b) => ({ action: 'ack', note: b.note as string | undefined }));
  command('assign', AlertAssignBodySchema, (b) => {
    const a = b as unknown as AlertAssignBody;
    return { action: 'assign', unit: a.unit, deadline: a.deadline, note: a.note };
  });
  command('resolve', AlertNoteBodySchema, (b) => ({ action: 'resolve', note: b.note as string }));
  command('notes', AlertNoteBodySchema, (b) => ({ action: 'note', note: b.note as string }));

  app.get('/api/v1/air-quality/:scope', { onRequest: opts.authenticateViewer as never, config: rate }, async (req, reply) => {
    const { scope } = req.params as { scope: string };
    if (!opts.knownScope(scope)) return reply.code(404).send(err(404, 'unknown_scope', `scope '${scope}' is not an area of the catalogue`, '/scope'));
    return { serverTime: opts.clock(), stations: opts.monitoring.airQuality(scope) };
  });
}
