import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, DeviceCreatedSchema, DeviceCreateSchema, DeviceListSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { ADMIN } from '../../plugins/access.ts';
import { IdParams } from './users.routes.ts';

/**
 * Wall screens (administrators only; audited):
 *   GET    /api/v1/admin/devices       {devices}
 *   POST   /api/v1/admin/devices       {name, scopes} → 201 {device, link}: the kiosk link is shown once
 *   DELETE /api/v1/admin/devices/:id   204: revoked, its sessions end and its sockets close
 */
export const deviceAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { devices } = app.ioc.access;
  const admin = { access: ADMIN };

  app.get('/api/v1/admin/devices', { config: admin, schema: { response: { 200: DeviceListSchema } } }, async () => ({ devices: await devices.list() }));

  app.post(
    '/api/v1/admin/devices',
    { config: admin, schema: { body: DeviceCreateSchema, response: { 201: DeviceCreatedSchema, '4xx': ApiErrorSchema } } },
    async (req, reply) => reply.code(201).send(await devices.create(req.body, req.principal!, req.ip)),
  );

  app.delete(
    '/api/v1/admin/devices/:id',
    { config: admin, schema: { params: IdParams, response: { 204: Type.Null(), '4xx': ApiErrorSchema } } },
    async (req, reply) => {
      await devices.revoke(req.params.id, req.principal!, req.ip);
      return reply.code(204).send(null);
    },
  );
};
