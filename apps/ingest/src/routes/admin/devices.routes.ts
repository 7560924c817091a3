import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeviceCreatedSchema, DeviceCreateSchema, DeviceListSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { adminCreate, adminErrors, adminOnly, IdParams } from './admin-writes.ts';

/**
 * Wall screens (administrators only; audited):
 *   GET    /api/v1/admin/devices       {devices}
 *   POST   /api/v1/admin/devices       {name, scopes} → 201 {device, link}: the kiosk link is shown once
 *   DELETE /api/v1/admin/devices/:id   204: revoked, its sessions end and its sockets close
 */
export const deviceAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { devices } = app.ioc.access;
  const path = '/api/v1/admin/devices';

  app.get(path, { config: adminOnly, schema: { response: { 200: DeviceListSchema } } }, async () => ({ devices: await devices.list() }));
  adminCreate(app, path, DeviceCreateSchema, DeviceCreatedSchema, (body, actor, ip) => devices.create(body, actor, ip));

  app.delete(`${path}/:id`, { config: adminOnly, schema: { params: IdParams, response: { 204: Type.Null(), ...adminErrors } } }, async (req, reply) => {
    await devices.revoke(req.params.id, req.principal!, req.ip);
    return reply.code(204).send(null);
  });
};
