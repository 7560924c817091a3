import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, WallPlaylistInputSchema, WallPlaylistSchema, type WallPlaylistInput } from '@cityioc/contracts';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import { ADMIN, READ } from '../../plugins/access.ts';
import { httpError } from '../../plugins/errors.ts';

const checkShape = compileItemCheck<WallPlaylistInput>(WallPlaylistInputSchema);

/**
 * The wall's playlist (issue 13 #3; contracts http/wall.ts):
 *   GET /api/v1/wall/playlist   read (kiosks included)  the stored playlist, or the default (version 0)
 *   PUT /api/v1/wall/playlist   admin  a whole playlist; 422 invalid_playlist with {item, field, reason} per
 *                               problem (shape: type, range, required, unknown_field…; rules: empty_playlist,
 *                               unknown_scene, unknown_panel, dwell_out_of_range…); stored, audited
 *                               (wall.playlist.replace) and pushed to every wall as wallPlaylistV1
 */
export const wallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { wallPlaylist, audit } = app.ioc;

  app.get('/api/v1/wall/playlist', { config: { access: READ }, schema: { response: { 200: WallPlaylistSchema } } }, async () => wallPlaylist.current());

  app.put(
    '/api/v1/wall/playlist',
    {
      config: { access: ADMIN },
      schema: { body: WallPlaylistInputSchema, response: { 200: WallPlaylistSchema, '4xx': ApiErrorSchema } },
      // the schema documents the body; it is checked in the handler (422 naming the scene), as sent: Fastify's
      // validator would answer 400 and silently drop unknown fields
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (req) => {
      const shape = checkShape(req.body);
      if (!shape.ok) {
        const details = shape.errors.map((e) => ({ item: sceneIndex(e.field), field: e.field, reason: e.reason, message: e.message }));
        throw httpError(422, 'invalid_playlist', `the playlist is invalid: ${details.map((d) => `${d.field || 'body'} ${d.message}`).join('; ')}`, details);
      }
      const r = await wallPlaylist.replace(shape.value, req.principal!.actor);
      if (!r.ok) throw httpError(422, 'invalid_playlist', `the playlist is invalid: ${r.problems.map((p) => p.message).join('; ')}`, r.problems);
      if (r.stored) {
        const scenes = r.playlist.scenes.map((s) => ({ id: s.id, enabled: s.enabled, dwellSeconds: s.dwellSeconds }));
        await audit.recordRequest(req, {
          action: 'wall.playlist.replace',
          target: `wall-playlist:${r.playlist.version}`,
          details: { version: r.playlist.version, scenes },
        });
      }
      return r.playlist;
    },
  );
};

/** '/scenes/2/dwellSeconds' → 2; a field outside the scenes → null. */
function sceneIndex(field: string): number | null {
  const m = /^\/scenes\/(\d+)/.exec(field);
  return m ? Number(m[1]) : null;
}
