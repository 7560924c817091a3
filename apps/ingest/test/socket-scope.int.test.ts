/**
 * Socket.IO under access (issue 11): authenticated at the handshake (session cookie or bearer
 * token), rooms only inside the caller's scope, alert notes never reaching another unit, Origin
 * checked, sockets closed with their session. Real server on a free port, real socket.io-client.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AlertPush } from '@cityioc/contracts';
import { AS, buildTestApp, T0, TEST_KEY, TEST_TOKENS } from './helpers/build-test-app.ts';
import { risingTide } from './helpers/feed-samples.ts';
import { createAccount, ninhKieuOperator, signInAccount } from './helpers/session.ts';
import { connected, listen, socketClients, subscribe, type ClientSocket } from './helpers/socket-client.ts';
import { waitUntil } from '../../../test-support/wait.ts';

const MIN = 60_000;
const O_MON = 'socket-operator-917-token-0123';
let app: FastifyInstance;
let cleanup: () => Promise<void>;
let url: string;

beforeEach(async () => {
  ({ app, cleanup } = await buildTestApp(
    { tickMs: 50, heartbeatMs: 100, operators: [{ token: O_MON, name: 'Phạm Văn Em', unit: 'UBND phường Ô Môn', scopes: ['31153'] }] },
    { clock: () => T0 + MIN },
  ));
  url = await listen(app);
});
afterEach(async () => cleanup());
const open = socketClients();

const client = (auth: Record<string, unknown>, extraHeaders: Record<string, string> = {}): ClientSocket => open(url, auth, extraHeaders);
const rising = (station: string, area: string) => risingTide(station, { station, area });

describe('Socket.IO within scopes', () => {
  it('a client joins only rooms inside its scope', async () => {
    const ninhKieu = client({ token: TEST_TOKENS.operator });
    await connected(ninhKieu);
    expect(await subscribe(ninhKieu, ['31135'])).toEqual({ ok: true, scopes: [{ scope: '31135', version: 0 }], epoch: app.ioc.live.epoch });
    expect(await subscribe(ninhKieu, ['92', '31153', '31135'])).toEqual({ ok: false, error: 'outside your scope', unknown: [], forbidden: ['92', '31153'] });
    const city = client({ token: TEST_TOKENS.leader });
    await connected(city);
    expect((await subscribe(city, ['92', '31153'])).ok).toBe(true);
  });

  it("a client of one district never receives another district's alert notes; the city's room gets both", async () => {
    const ninhKieu = client({ token: TEST_TOKENS.operator });
    const oMon = client({ token: O_MON });
    const city = client({ token: TEST_TOKENS.leader });
    await Promise.all([connected(ninhKieu), connected(oMon), connected(city)]);
    const got = { ninhKieu: [] as AlertPush[], oMon: [] as AlertPush[], city: [] as AlertPush[] };
    ninhKieu.on('alertV1', (p) => got.ninhKieu.push(p));
    oMon.on('alertV1', (p) => got.oMon.push(p));
    city.on('alertV1', (p) => got.city.push(p));
    await subscribe(ninhKieu, ['31135']);
    await subscribe(oMon, ['31153']);
    await subscribe(city, ['92']);
    const post = (observations: unknown[]) =>
      app.inject({ method: 'POST', url: '/api/v1/observations/batch', headers: { 'x-api-key': TEST_KEY }, payload: { observations } });
    expect((await post([...rising('wl-can-tho', '31135'), ...rising('wl-o-mon', '31153')])).statusCode).toBe(200);
    const raised916 = await waitUntil('916 raised', () => got.ninhKieu.find((p) => p.event.action === 'raised'));
    const raised917 = await waitUntil('917 raised', () => got.oMon.find((p) => p.event.action === 'raised'));
    const secret = 'Ghi chú nội bộ: cống Cái Khế đang sửa';
    const note = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${encodeURIComponent(raised916.alert.id)}/notes`,
      headers: AS.operator,
      payload: { note: secret },
    });
    expect(note.statusCode).toBe(200);
    await waitUntil('the note on the city wall', () => got.city.find((p) => p.event.note === secret));
    await waitUntil('the note in Ninh Kiều', () => got.ninhKieu.find((p) => p.event.note === secret));
    // and Ô Môn: its own alert only, never Ninh Kiều's, never the note
    await app.ioc.alerts.flush();
    expect(got.oMon.every((p) => p.alert.area === '31153')).toBe(true);
    expect(JSON.stringify(got.oMon)).not.toContain(secret);
    expect(got.ninhKieu.every((p) => p.alert.area === '31135')).toBe(true);
    expect(new Set(got.city.map((p) => p.alert.id))).toEqual(new Set([raised916.alert.id, raised917.alert.id]));
  });

  it('authenticates the handshake with the session cookie; logout closes the socket; a bad credential is refused', async () => {
    const dung = ninhKieuOperator('dung.nt', 'Nguyễn Thị Dung', 'mật khẩu đủ dài 2026');
    await createAccount(app, dung);
    const { cookie, csrfToken } = await signInAccount(app, dung);
    const s = client({}, { cookie });
    await connected(s);
    expect((await subscribe(s, ['31153'])).ok).toBe(false);
    expect((await subscribe(s, ['31135'])).ok).toBe(true);
    const closed = new Promise<string>((r) => s.once('disconnect', r));
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
    expect(await closed).toBe('io server disconnect');
    await expect(connected(client({}, { cookie }))).rejects.toThrow('the session is not valid: sign in again');
    await expect(connected(client({ token: 'not-a-token-0123456789' }))).rejects.toThrow('the bearer token is not valid');
    await expect(connected(client({}))).rejects.toThrow('sign in (session cookie) or send a bearer token (Authorization: Bearer)');
  });

  it('checks the Origin of the WebSocket: the page itself passes, another site is refused', async () => {
    await connected(client({ token: TEST_TOKENS.leader }, { origin: url }));
    const evil = client({ token: TEST_TOKENS.leader }, { origin: 'https://evil.example' });
    await expect(connected(evil)).rejects.toThrow();
  });
});
