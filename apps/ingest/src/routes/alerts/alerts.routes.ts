import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AlertAckBodySchema,
  AlertAssignBodySchema,
  AlertDetailSchema,
  AlertEventSchema,
  AlertListQuerySchema,
  AlertListResponseSchema,
  AlertNoteBodySchema,
  AlertSchema,
  AirQualityResponseSchema,
  ApiErrorSchema,
  OperatorResponseSchema,
  type AlertStatus,
} from '@cityioc/contracts';
import type { LifecycleCommand } from '@cityioc/domain';
import { Type, type TSchema } from 'typebox';
import type { Operator } from '../../alerts/alert.service.ts';
import { OPERATOR, READ } from '../../plugins/access.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 256 }) });
const CommandResponse = Type.Object({ alert: AlertSchema, event: AlertEventSchema });

/**
 * Alerts: the list and detail for viewers (the wall) and operators (only their scope: a read that
 * presents an operator token is that operator's), and the lifecycle commands for operators. Air
 * quality per station (NowCast with dominant pollutant).
 */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { alerts, monitoring, index, clock } = app.ioc;
  const knownScope = (code: string) => index.area(code) !== undefined;
  const readAsOperator = { access: { ...READ, operator: 'optional' as const } };

  app.get(
    '/api/v1/alerts',
    { config: readAsOperator, schema: { querystring: AlertListQuerySchema, response: { 200: AlertListResponseSchema, '4xx': ApiErrorSchema } } },
    async (req) => {
      const q = req.query;
      if (q.scope && !knownScope(q.scope)) throw fieldError(404, 'unknown_scope', '/scope', `scope '${q.scope}' is not an area of the catalogue`);
      let since: number | undefined;
      if (q.since !== undefined) {
        since = /^\d+$/.test(q.since) ? Number(q.since) : Date.parse(q.since);
        if (Number.isNaN(since) || (!/^\d+$/.test(q.since) && !/(Z|[+-]\d{2}:\d{2})$/.test(q.since)))
          throw fieldError(400, 'invalid_since', '/since', 'since must be RFC 3339 with an offset, or epoch milliseconds');
      }
      const status = q.status ? (q.status.split(',') as AlertStatus[]) : undefined;
      const list = await alerts.list({ status, scope: q.scope, since, limit: q.limit ?? 200 }, req.operator);
      return { serverTime: clock(), alerts: list };
    },
  );

  app.get('/api/v1/alerts/me', { config: { access: OPERATOR }, schema: { response: { 200: OperatorResponseSchema } } }, async (req) => req.operator!);

  app.get(
    '/api/v1/alerts/:id',
    { config: readAsOperator, schema: { params: IdParams, response: { 200: AlertDetailSchema, '4xx': ApiErrorSchema } } },
    async (req) => {
      const d = await alerts.detail(req.params.id, req.operator);
      if (!d) throw httpError(404, 'not_found', `alert ${req.params.id} does not exist${req.operator ? ' in your scope' : ''}`);
      return d;
    },
  );

  // the lifecycle commands: operators only, each on an alert in the operator's scope
  const commandRoute = <B extends TSchema>(body: B) => ({
    config: { access: OPERATOR },
    schema: { params: IdParams, body, response: { 200: CommandResponse, '4xx': ApiErrorSchema } },
  });
  const act = async (id: string, cmd: LifecycleCommand, op: Operator | null) => {
    const r = await alerts.command(id, cmd, op!);
    if (!r.ok) throw httpError(r.status, r.reason, r.message);
    return { alert: r.alert, event: r.event };
  };
  app.post('/api/v1/alerts/:id/ack', commandRoute(AlertAckBodySchema), (req) => act(req.params.id, { action: 'ack', note: req.body.note }, req.operator));
  app.post('/api/v1/alerts/:id/assign', commandRoute(AlertAssignBodySchema), (req) =>
    act(req.params.id, { action: 'assign', unit: req.body.unit, deadline: req.body.deadline, note: req.body.note }, req.operator),
  );
  app.post('/api/v1/alerts/:id/resolve', commandRoute(AlertNoteBodySchema), (req) =>
    act(req.params.id, { action: 'resolve', note: req.body.note }, req.operator),
  );
  app.post('/api/v1/alerts/:id/notes', commandRoute(AlertNoteBodySchema), (req) => act(req.params.id, { action: 'note', note: req.body.note }, req.operator));

  const airQuality = { params: Type.Object({ scope: Type.String() }), response: { 200: AirQualityResponseSchema } };
  app.get('/api/v1/air-quality/:scope', { config: { access: READ }, schema: airQuality }, async (req) => {
    const { scope } = req.params;
    if (!knownScope(scope)) throw fieldError(404, 'unknown_scope', '/scope', `scope '${scope}' is not an area of the catalogue`);
    return { serverTime: clock(), stations: monitoring.airQuality(scope) };
  });
};
