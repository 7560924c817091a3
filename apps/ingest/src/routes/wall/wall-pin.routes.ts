import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEFAULT_WALL,
  WallListResponseSchema,
  WallPinBodySchema,
  WallPinQuerySchema,
  WallPinReleaseResponseSchema,
  WallPinResponseSchema,
} from '@cityioc/contracts';
import { LEADER, READ } from '../../plugins/access.ts';

/**
 * Briefing mode (contracts http/wall-pin.ts): GET the pin in force (read: a wall that (re)connects
 * shows it), POST a pin and DELETE it (leader, admin; audited as wall.pin / wall.unpin), GET the walls (the leader's picker).
 */
export const wallPinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { wallPins, clock } = app.ioc;

  app.get(
    '/api/v1/wall/pin',
    { config: { access: READ }, schema: { querystring: WallPinQuerySchema, response: { 200: WallPinResponseSchema } } },
    async (req) => {
      const wall = req.query.wall ?? DEFAULT_WALL;
      const pin = await wallPins.current(wall);
      return { serverTime: clock(), wall, pin };
    },
  );

  // the leader's wall picker: which walls there are, how many screens each has open, what each shows
  app.get('/api/v1/wall/walls', { config: { access: READ }, schema: { response: { 200: WallListResponseSchema } } }, async () => ({
    serverTime: clock(),
    walls: await wallPins.walls(),
  }));

  app.post(
    '/api/v1/wall/pin',
    { config: { access: LEADER }, schema: { body: WallPinBodySchema, response: { 201: WallPinResponseSchema } } },
    async (req, reply) => {
      const wall = req.body.wall ?? DEFAULT_WALL;
      const pin = await wallPins.pin({ wall, target: req.body.target, ttlSeconds: req.body.ttlSeconds }, req.principal!, req.ip);
      return reply.code(201).send({ serverTime: clock(), wall, pin });
    },
  );

  app.delete(
    '/api/v1/wall/pin',
    { config: { access: LEADER }, schema: { querystring: WallPinQuerySchema, response: { 200: WallPinReleaseResponseSchema } } },
    async (req) => {
      const wall = req.query.wall ?? DEFAULT_WALL;
      const released = await wallPins.release(wall, req.principal!, req.ip);
      return { serverTime: clock(), wall, released };
    },
  );
};
