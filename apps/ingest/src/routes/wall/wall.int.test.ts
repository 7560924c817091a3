import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord, WallPlaylist, WallScene } from '@cityioc/contracts';
import { DEFAULT_WALL_PLAYLIST } from '@cityioc/domain';
import { AS, buildTestApp, T0, TEST_TOKENS } from '../../../test/helpers/build-test-app.ts';
import { connected, listen, socketClients } from '../../../test/helpers/socket-client.ts';
import { waitUntil } from '../../../../../test-support/wait.ts';

let app: FastifyInstance;
let cleanup: () => Promise<void>;
afterEach(async () => cleanup?.());
const socket = socketClients();
async function start() {
  ({ app, cleanup } = await buildTestApp({}, { clock: () => T0 }));
}
const get = (role: keyof typeof AS = 'analyst') => app.inject({ method: 'GET', url: '/api/v1/wall/playlist', headers: AS[role] });
const put = (payload: unknown, role: keyof typeof AS = 'admin') =>
  app.inject({ method: 'PUT', url: '/api/v1/wall/playlist', headers: AS[role], payload: payload as object });

const [overview, procedures, score766, reporting] = DEFAULT_WALL_PLAYLIST.scenes as [WallScene, WallScene, WallScene, WallScene];
/** What the admin page sends: the reporting scene first for 20 s, the 766 scene left out of the rotation, the overview for 2 minutes. */
const EDITED: WallScene[] = [
  { ...reporting, dwellSeconds: 20 },
  { ...overview, dwellSeconds: 120, columns: [overview.columns[1]!, { ...overview.columns[0]!, width: 40 }] },
  procedures,
  { ...score766, enabled: false },
];

describe('the wall playlist', () => {
  it('serves the built-in default (version 0) until an administrator stores one', async () => {
    await start();
    const r = await get();
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ scenes: DEFAULT_WALL_PLAYLIST.scenes, version: 0, isDefault: true, updatedAt: null, updatedBy: null });
  });

  it('an administrator replaces it: read back by GET, pushed to a socket, audited; the same playlist again keeps its version', async () => {
    await start();
    const url = await listen(app);
    const s = socket(url, { token: TEST_TOKENS.leader });
    await connected(s);
    const pushes: WallPlaylist[] = [];
    s.on('wallPlaylistV1', (p) => pushes.push(p));

    const r = await put({ scenes: EDITED });
    expect(r.statusCode, r.body).toBe(200);
    const stored: WallPlaylist = { scenes: EDITED, version: 1, isDefault: false, updatedAt: T0, updatedBy: 'token:Quản trị thử' };
    expect(r.json()).toEqual(stored);
    expect((await get('operator')).json()).toEqual(stored);
    await waitUntil('the first push', () => pushes.length === 1);
    expect(pushes[0]).toEqual(stored);

    const audit = (await app.inject({ method: 'GET', url: '/api/v1/admin/audit?action=wall.', headers: AS.admin })).json() as { records: AuditRecord[] };
    expect(audit.records.map((a) => [a.actor, a.action, a.target, a.details])).toEqual([
      [
        'token:Quản trị thử',
        'wall.playlist.replace',
        'wall-playlist:1',
        {
          version: 1,
          scenes: [
            { id: 'reporting', enabled: true, dwellSeconds: 20 },
            { id: 'overview', enabled: true, dwellSeconds: 120 },
            { id: 'procedures', enabled: true, dwellSeconds: 45 },
            { id: 'score766', enabled: false, dwellSeconds: 45 },
          ],
        },
      ],
    ]);

    expect((await put({ scenes: EDITED })).json()).toMatchObject({ version: 1 });
    // "Khôi phục mặc định": the default stored back is a new version that says it is the default
    expect((await put(DEFAULT_WALL_PLAYLIST)).json()).toEqual({ ...stored, scenes: DEFAULT_WALL_PLAYLIST.scenes, version: 2, isDefault: true });
    await waitUntil('the second push', () => pushes.length === 2);
    expect(pushes.map((p) => p.version)).toEqual([1, 2]);
  });

  it('refuses an unknown scene or panel, a dwell outside 10–3600 s and an empty playlist with 422, naming scene, field and reason', async () => {
    await start();
    const bad = await put({
      scenes: [
        { ...overview, id: 'traffic' },
        { ...reporting, columns: [{ width: 1, panels: [{ panel: 'camera-wall' }] }] },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toEqual({
      statusCode: 422,
      error: 'invalid_playlist',
      message:
        "the playlist is invalid: scene 'traffic' is not one of overview, procedures, score766, reporting; panel 'camera-wall' is not in the panel registry",
      details: [
        { item: 0, field: '/scenes/0/id', reason: 'unknown_scene', message: "scene 'traffic' is not one of overview, procedures, score766, reporting" },
        { item: 1, field: '/scenes/1/columns/0/panels/0/panel', reason: 'unknown_panel', message: "panel 'camera-wall' is not in the panel registry" },
      ],
    });
    const dwell = await put({ scenes: [overview, { ...procedures, dwellSeconds: 9 }, { ...reporting, dwellSeconds: 3601 }] });
    expect(dwell.statusCode).toBe(422);
    expect((dwell.json() as { details: unknown[] }).details).toEqual([
      { item: 1, field: '/scenes/1/dwellSeconds', reason: 'range', message: 'scenes/1/dwellSeconds must be >= 10' },
      { item: 2, field: '/scenes/2/dwellSeconds', reason: 'range', message: 'scenes/2/dwellSeconds must be <= 3600' },
    ]);
    const empty = await put({ scenes: [] });
    expect(empty.statusCode).toBe(422);
    expect((empty.json() as { details: unknown[] }).details).toEqual([
      { item: null, field: '/scenes', reason: 'empty_playlist', message: 'a playlist needs at least one scene' },
    ]);
    const shape = await put({ scenes: [{ ...overview, colour: 'red' }] });
    expect((shape.json() as { details: unknown[] }).details).toEqual([
      { item: 0, field: '/scenes/0/colour', reason: 'unknown_field', message: 'colour is not a known field of scenes/0' },
    ]);
    // nothing was stored
    expect((await get()).json()).toMatchObject({ version: 0, isDefault: true });
  });

  it('only an administrator may replace it', async () => {
    await start();
    expect((await put({ scenes: EDITED }, 'leader')).statusCode).toBe(403);
    expect((await put({ scenes: EDITED }, 'operator')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/wall/playlist' })).statusCode).toBe(401);
  });
});
