import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AdminUserCreateSchema, AdminUserListSchema, AdminUserPatchSchema, AdminUserSchema, ApiErrorSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { ADMIN } from '../../plugins/access.ts';

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
const errors = { '4xx': ApiErrorSchema };

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
  const admin = { access: ADMIN };

  app.get('/api/v1/admin/users', { config: admin, schema: { response: { 200: AdminUserListSchema } } }, async () => ({ users: await accounts.list() }));

  app.post(
    '/api/v1/admin/users',
    { config: admin, schema: { body: AdminUserCreateSchema, response: { 201: AdminUserSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await accounts.create(req.body, req.principal!, req.ip)),
  );

  app.patch(
    '/api/v1/admin/users/:id',
    { config: admin, schema: { params: IdParams, body: AdminUserPatchSchema, response: { 200: AdminUserSchema, ...errors } } },
    async (req) => accounts.patch(req.params.id, req.body, req.principal!, req.ip),
  );

  app.delete('/api/v1/admin/users/:id', { config: admin, schema: { params: IdParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await accounts.remove(req.params.id, req.principal!, req.ip);
    return reply.code(204).send(null);
  });
};
