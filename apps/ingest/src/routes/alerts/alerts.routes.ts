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
import type { Principal } from '../../access/principal.ts';
import { OPERATOR, READ } from '../../plugins/access.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';
import { outsideScope } from '../scope.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 256 }) });
const CommandResponse = Type.Object({ alert: AlertSchema, event: AlertEventSchema });

/**
 * Alerts: the list and detail for every role, each within its scope (another unit's alert does
 * not exist for the caller: 404), and the lifecycle commands for operators and admins, audited.
 * Air quality per station (NowCast with dominant pollutant), within the caller's scope.
 */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { alerts, monitoring, index, clock, audit } = app.ioc;
  const knownScope = (code: string) => index.area(code) !== undefined;
  const readAsOperator = { access: READ };

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
      const list = await alerts.list({ status, scope: q.scope, since, limit: q.limit ?? 200 }, req.principal!.scope);
      return { serverTime: clock(), alerts: list };
    },
  );

  // the operator of the request, in the shape the alert inbox reads
  app.get('/api/v1/alerts/me', { config: { access: OPERATOR }, schema: { response: { 200: OperatorResponseSchema } } }, async (req) => {
    const p = req.principal!;
    return { name: p.name, unit: p.unit ?? p.scopes.units.join(', '), scopes: p.scopes.units, role: p.role };
  });

  app.get(
    '/api/v1/alerts/:id',
    { config: readAsOperator, schema: { params: IdParams, response: { 200: AlertDetailSchema, '4xx': ApiErrorSchema } } },
    async (req) => {
      const d = await alerts.detail(req.params.id, req.principal!.scope);
      if (!d) throw httpError(404, 'not_found', `alert ${req.params.id} does not exist${req.principal!.scope.all ? '' : ' in your scope'}`);
      return d;
    },
  );

  // the lifecycle commands: operators only, each on an alert in the operator's scope
  const commandRoute = <B extends TSchema>(body: B) => ({
    config: { access: OPERATOR },
    schema: { params: IdParams, body, response: { 200: CommandResponse, '4xx': ApiErrorSchema } },
  });
  const act = async (id: string, cmd: LifecycleCommand, p: Principal | null, ip: string) => {
    const r = await alerts.command(id, cmd, p!);
    if (!r.ok) throw httpError(r.status, r.reason, r.message);
    await audit.record({ actor: p!, action: `alert.${cmd.action}`, target: id, unit: r.alert.area, ip, details: { status: r.alert.status } });
    return { alert: r.alert, event: r.event };
  };
  app.post('/api/v1/alerts/:id/ack', commandRoute(AlertAckBodySchema), (req) =>
    act(req.params.id, { action: 'ack', note: req.body.note }, req.principal, req.ip),
  );
  app.post('/api/v1/alerts/:id/assign', commandRoute(AlertAssignBodySchema), (req) =>
    act(req.params.id, { action: 'assign', unit: req.body.unit, deadline: req.body.deadline, note: req.body.note }, req.principal, req.ip),
  );
  app.post('/api/v1/alerts/:id/resolve', commandRoute(AlertNoteBodySchema), (req) =>
    act(req.params.id, { action: 'resolve', note: req.body.note }, req.principal, req.ip),
  );
  app.post('/api/v1/alerts/:id/notes', commandRoute(AlertNoteBodySchema), (req) =>
    act(req.params.id, { action: 'note', note: req.body.note }, req.principal, req.ip),
  );

  const airQuality = { params: Type.Object({ scope: Type.String() }), response: { 200: AirQualityResponseSchema } };
  app.get('/api/v1/air-quality/:scope', { config: { access: READ }, schema: airQuality }, async (req) => {
    const { scope } = req.params;
    if (!knownScope(scope)) throw fieldError(404, 'unknown_scope', '/scope', `scope '${scope}' is not an area of the catalogue`);
    outsideScope(req.principal!, scope);
    return { serverTime: clock(), stations: monitoring.airQuality(scope) };
  });
};
