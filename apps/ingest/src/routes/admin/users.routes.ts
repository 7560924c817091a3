import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminUserCreateSchema, AdminUserListSchema, AdminUserPatchSchema, AdminUserSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { adminErrors, adminOnly, adminWrites, IdParams } from './admin-writes.ts';

/**
 * People and their roles and scopes (administrators only; every change audited):
 *   GET    /api/v1/admin/users        {users}
 *   POST   /api/v1/admin/users        {username, name, role, scopes, password} → 201 the user
 *   PATCH  /api/v1/admin/users/:id    {name?, role?, scopes?, password?, disabled?} (a new password,
 *                                     role or scope, or disabling, ends the user's sessions)
 *   DELETE /api/v1/admin/users/:id    204
 */
export const userAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { accounts } = app.ioc.access;
  const path = '/api/v1/admin/users';

  app.get(path, { config: adminOnly, schema: { response: { 200: AdminUserListSchema } } }, async () => ({ users: await accounts.list() }));
  adminWrites(app, path, accounts, { create: AdminUserCreateSchema, patch: AdminUserPatchSchema, item: AdminUserSchema });

  app.delete(`${path}/:id`, { config: adminOnly, schema: { params: IdParams, response: { 204: Type.Null(), ...adminErrors } } }, async (req, reply) => {
    await accounts.remove(req.params.id, req.principal!, req.ip);
    return reply.code(204).send(null);
  });
};
