import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiErrorSchema,
  FeedKeyCreatedSchema,
  FeedSourceCreateSchema,
  FeedSourceListSchema,
  FeedSourcePatchSchema,
  FeedSourceSchema,
} from '@cityioc/contracts';
import { Type } from 'typebox';
import { ADMIN } from '../../plugins/access.ts';
import { IdParams } from './users.routes.ts';

const errors = { '4xx': ApiErrorSchema };

/**
 * Feed sources, their grants and their keys (administrators only; every change audited):
 *   GET    /api/v1/admin/feed-sources                   {sources} (those of IOC_API_KEYS read-only)
 *   POST   /api/v1/admin/feed-sources                   {id, name, grant} → 201
 *   PATCH  /api/v1/admin/feed-sources/:id               {name?, grant?}
 *   POST   /api/v1/admin/feed-sources/:id/keys          201 {sourceId, key, secret}: the secret is shown once; the
 *                                                       source's other keys stay valid for IOC_KEY_OVERLAP_HOURS
 *   DELETE /api/v1/admin/feed-sources/:id/keys/:keyId   204: that key stops at once
 */
export const feedSourceAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { feedSources } = app.ioc.access;
  const admin = { access: ADMIN };

  app.get('/api/v1/admin/feed-sources', { config: admin, schema: { response: { 200: FeedSourceListSchema } } }, async () => ({
    sources: await feedSources.list(),
  }));

  app.post(
    '/api/v1/admin/feed-sources',
    { config: admin, schema: { body: FeedSourceCreateSchema, response: { 201: FeedSourceSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await feedSources.create(req.body, req.principal!, req.ip)),
  );

  app.patch(
    '/api/v1/admin/feed-sources/:id',
    { config: admin, schema: { params: IdParams, body: FeedSourcePatchSchema, response: { 200: FeedSourceSchema, ...errors } } },
    async (req) => feedSources.patch(req.params.id, req.body, req.principal!, req.ip),
  );

  app.post(
    '/api/v1/admin/feed-sources/:id/keys',
    { config: admin, schema: { params: IdParams, response: { 201: FeedKeyCreatedSchema, ...errors } } },
    async (req, reply) => reply.code(201).send(await feedSources.rotate(req.params.id, req.principal!, req.ip)),
  );

  app.delete(
    '/api/v1/admin/feed-sources/:id/keys/:keyId',
    {
      config: admin,
      schema: {
        params: Type.Object({ id: Type.String({ maxLength: 128 }), keyId: Type.String({ maxLength: 128 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await feedSources.revoke(req.params.id, req.params.keyId, req.principal!, req.ip);
      return reply.code(204).send(null);
    },
  );
};
