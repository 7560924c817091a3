import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FeedKeyCreatedSchema, FeedSourceCreateSchema, FeedSourceListSchema, FeedSourcePatchSchema, FeedSourceSchema } from '@cityioc/contracts';
import { Type } from 'typebox';
import { adminErrors, adminOnly, adminWrites, IdParams } from './admin-writes.ts';

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
  const path = '/api/v1/admin/feed-sources';

  app.get(path, { config: adminOnly, schema: { response: { 200: FeedSourceListSchema } } }, async () => ({ sources: await feedSources.list() }));
  adminWrites(app, path, feedSources, { create: FeedSourceCreateSchema, patch: FeedSourcePatchSchema, item: FeedSourceSchema });

  app.post(
    `${path}/:id/keys`,
    { config: adminOnly, schema: { params: IdParams, response: { 201: FeedKeyCreatedSchema, ...adminErrors } } },
    async (req, reply) => reply.code(201).send(await feedSources.rotate(req.params.id, req.principal!, req.ip)),
  );

  app.delete(
    `${path}/:id/keys/:keyId`,
    {
      config: adminOnly,
      schema: {
        params: Type.Object({ id: Type.String({ maxLength: 128 }), keyId: Type.String({ maxLength: 128 }) }),
        response: { 204: Type.Null(), ...adminErrors },
      },
    },
    async (req, reply) => {
      await feedSources.revoke(req.params.id, req.params.keyId, req.principal!, req.ip);
      return reply.code(204).send(null);
    },
  );
};
