import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyTypeProviderDefault } from 'fastify';
import { ApiErrorSchema } from '@cityioc/contracts';
import { Type, type Static, type TSchema } from 'typebox';
import type { Principal } from '../../access/principal.ts';
import { ADMIN } from '../../plugins/access.ts';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** The id of an administered item in a URL (a user, a feed source, a device). */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });
/** Administrators only. */
export const adminOnly = { access: ADMIN };
/** The refusals an administrator's change may meet (a bad body, an unknown id, a conflict), with their reason. */
export const adminErrors = { '4xx': ApiErrorSchema };

/*
 * The writes that every administered collection has, each one call of its service made as the
 * caller from their address (the service audits the change). The schemas validate the request
 * before the service sees it. The TypeBox type provider cannot resolve a schema given as a type
 * parameter, so these routes are declared through the default provider and the request read with
 * `as`; the call sites are typed from the same schemas (the service's parameters are Static<B>).
 */

/** POST `path`: creates from the body; answers 201 with `answer` (the item, or the item with a secret shown once). */
export function adminCreate<B extends TSchema, R extends TSchema>(
  app: App,
  path: string,
  body: B,
  answer: R,
  create: (body: Static<B>, actor: Principal, ip: string) => Promise<Static<R>>,
): void {
  const untyped = app.withTypeProvider<FastifyTypeProviderDefault>();
  untyped.post(path, { config: adminOnly, schema: { body, response: { 201: answer, ...adminErrors } } }, async (req, reply) => {
    const created = await create(req.body as Static<B>, req.principal!, req.ip);
    return reply.code(201).send(created);
  });
}

/** PATCH `path`/:id: changes the fields the body names; answers with the changed item. */
export function adminPatch<B extends TSchema, R extends TSchema>(
  app: App,
  path: string,
  body: B,
  answer: R,
  patch: (id: string, body: Static<B>, actor: Principal, ip: string) => Promise<Static<R>>,
): void {
  const untyped = app.withTypeProvider<FastifyTypeProviderDefault>();
  untyped.patch(`${path}/:id`, { config: adminOnly, schema: { params: IdParams, body, response: { 200: answer, ...adminErrors } } }, async (req) =>
    patch((req.params as Static<typeof IdParams>).id, req.body as Static<B>, req.principal!, req.ip),
  );
}

/** A collection an administrator creates in and patches: its service. */
export interface AdminWritable<Create, Patch, Item> {
  create(body: Create, actor: Principal, ip: string): Promise<Item>;
  patch(id: string, body: Patch, actor: Principal, ip: string): Promise<Item>;
}

/** POST `path` (201 the item) and PATCH `path`/:id (the changed item) of a collection, through its service. */
export function adminWrites<C extends TSchema, P extends TSchema, R extends TSchema>(
  app: App,
  path: string,
  service: AdminWritable<Static<C>, Static<P>, Static<R>>,
  schemas: { create: C; patch: P; item: R },
): void {
  adminCreate(app, path, schemas.create, schemas.item, (body, actor, ip) => service.create(body, actor, ip));
  adminPatch(app, path, schemas.patch, schemas.item, (id, body, actor, ip) => service.patch(id, body, actor, ip));
}
