/**
 * The versions a node follows (migration 27, log-tail.ts): every INSERT, UPDATE and DELETE of a
 * followed table moves its key's version in the same transaction and wakes the listeners at
 * COMMIT; a statement that touched no row, or a rolled-back one, moves nothing. Through the real
 * store on a real PostgreSQL 15 (the writes a user's request makes), plus the SQL an operator
 * might run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { CAN_THO_AREAS, CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { forTheFile } from '../../../../../test-support/for-the-file.ts';
import { startPostgres } from '../../../../../test-support/postgres.ts';
import { waitUntil } from '../../../../../test-support/wait.ts';
import { openPostgresStore } from '../postgres-store.ts';
import type { Store } from '../store.ts';

const { ancestorsAndSelf } = indexCatalogue({ ...CAN_THO_CATALOGUE, areas: CAN_THO_AREAS, stations: [] });
const postgres = forTheFile(startPostgres);
const T0 = Date.parse('2026-12-01T08:00:00+07:00');
let store: Store;
let c: pg.Client;
const woken: string[] = [];

beforeAll(async () => {
  const url = await postgres().createDatabase(`stamps_${process.pid}`);
  store = await openPostgresStore({ url, areaChain: ancestorsAndSelf });
  c = new pg.Client({ connectionString: url });
  await c.connect();
  c.on('notification', (n) => woken.push(n.payload ?? ''));
  await c.query('LISTEN ioc_log');
}, 60_000);
afterAll(async () => {
  await c?.end();
  await store?.close();
});

const stamps = async () =>
  Object.fromEntries((await c.query<{ k: string; n: string }>('SELECT k, n FROM document_stamps ORDER BY k')).rows.map((r) => [r.k, Number(r.n)]));
/** Runs `change`, then returns the stamps and the tables whose wake-ups arrived (after a marker notification, so none is missed). */
async function after(change: () => Promise<unknown>): Promise<{ stamps: Record<string, number>; woken: string[] }> {
  woken.length = 0;
  await change();
  await c.query(`SELECT pg_notify('ioc_log', 'marker')`);
  await waitUntil('the marker', () => woken.includes('marker'));
  return { stamps: await stamps(), woken: woken.filter((w) => w !== 'marker') };
}
const report = { regime: 'cchc-cds', unit: '92', period: '2025', values: [{ indicator: 'online_payment_rate', value: 61 }] };
const submission = { ...report, submittedAt: T0, receivedAt: T0, source: 'snv', origin: 'api' as const, signedBy: null, fileName: null };

describe('document stamps: a version per followed kind, moved by INSERT, UPDATE and DELETE', () => {
  it('[PG-S1] a report import moves "reports"; its review (an UPDATE, no new row) moves it again; a review of no row does not', async () => {
    expect(await after(() => store.putReportSubmissions([submission]))).toEqual({ stamps: { reports: 1 }, woken: ['report_submissions'] });
    const key = { regime: 'cchc-cds', unit: '92', period: '2025', version: 1 };
    const review = { review: 'returned' as const, at: T0 + 1, note: 'Thiếu số liệu' };
    expect(await after(() => store.reviewReportSubmission(key, review))).toEqual({ stamps: { reports: 2 }, woken: ['report_submissions'] });
    expect(await after(() => store.reviewReportSubmission({ ...key, version: 9 }, review))).toEqual({ stamps: { reports: 2 }, woken: [] });
  });

  it('[PG-S2] reference items: each kind its own version, moved by an upload, an in-place edit and a deletion', async () => {
    const item = (key: string) => ({ key, validFrom: null, body: { name: `Thủ tục ${key}` }, origin: 'test' });
    const put = await after(() => store.reference.putReferenceItems('procedure', [item('1.001'), item('1.002')], T0));
    expect(put).toEqual({ stamps: { 'reference:procedure': 1, reports: 2 }, woken: ['reference_items'] });
    await after(() => store.reference.putReferenceItems('holiday-schedule', [item('2026')], T0)); // its wake-up read here, not in the next step
    const edit = await after(() => c.query(`UPDATE reference_items SET body = '{"name":"Thủ tục đã sửa"}' WHERE kind = 'procedure' AND key = '1.001'`));
    expect(edit.stamps).toEqual({ 'reference:holiday-schedule': 1, 'reference:procedure': 2, reports: 2 });
    expect(edit.woken).toEqual(['reference_items']);
    const gone = await after(() => c.query(`DELETE FROM reference_items WHERE kind = 'holiday-schedule'`));
    expect(gone.stamps).toEqual({ 'reference:holiday-schedule': 2, 'reference:procedure': 2, reports: 2 });
    expect(await after(() => c.query(`DELETE FROM reference_items WHERE kind = 'no-such-kind'`))).toEqual({ stamps: gone.stamps, woken: [] });
  });

  it('[PG-S3] feed sources and keys move "access:feeds" (a key made, a key revoked); a rolled-back change moves nothing', async () => {
    const grant = { endpoints: ['observations' as const], stations: ['wl-can-tho'], units: null, agencies: null };
    await after(() => store.accounts.createFeedSource({ id: 'tram-cai-rang', name: 'Trạm Cái Răng', grant, createdAt: T0, updatedAt: T0 }));
    const key = { id: 'k1', sourceId: 'tram-cai-rang', keyHash: 'a'.repeat(64), prefix: 'ioc_aaaa', createdAt: T0, expiresAt: null, revokedAt: null };
    const made = await after(() => store.accounts.addFeedKey(key, T0));
    expect(made.stamps['access:feeds']).toBe(2);
    expect(made.woken).toEqual(['feed_keys']);
    const revoked = await after(() => store.accounts.revokeFeedKey('tram-cai-rang', 'k1', T0 + 1));
    expect(revoked.stamps['access:feeds']).toBe(3);
    const undone = await after(async () => {
      await c.query('BEGIN');
      await c.query(`UPDATE feed_sources SET name = 'x'`);
      await c.query('ROLLBACK');
    });
    expect(undone).toEqual({ stamps: revoked.stamps, woken: [] });
  });

  it('[PG-S4] "access:sessions": a session ended, a device revoked, a user disabled move it; a sign-in, a session or a device seen again do not', async () => {
    const session = {
      id: 's'.repeat(64),
      kind: 'device' as const,
      subjectId: 'd1',
      csrfToken: 'c',
      createdAt: T0,
      lastSeenAt: T0,
      expiresAt: null,
      ip: null,
      data: null,
    };
    const device = {
      id: 'd1',
      name: 'Màn hình tường',
      scopes: { units: ['92'], agencies: [] },
      tokenHash: 'b'.repeat(64),
      createdAt: T0,
      revokedAt: null,
      lastSeenAt: null,
    };
    const before = await stamps();
    const quiet = await after(async () => {
      await store.accounts.createDevice(device);
      await store.accounts.createSession(session);
      await store.accounts.touchSession(session.id, T0 + 60_000);
      await store.accounts.touchDevice(device.id, T0 + 60_000);
    });
    expect(quiet).toEqual({ stamps: before, woken: [] });
    const revoked = await after(() => store.accounts.revokeDevice(device.id, T0 + 120_000));
    expect(revoked.stamps['access:sessions']).toBe(2); // the device's revocation and its sessions' end, in one transaction
    expect(revoked.woken.sort()).toEqual(['devices', 'sessions']);
    const account = { id: 'u1', username: 'kt.tam', name: 'Võ Thị Tạm', role: 'leader' as const, scopes: { units: ['92'], agencies: [] }, passwordHash: null };
    const user = { ...account, disabled: false, origin: 'local' as const, subject: null, createdAt: T0, updatedAt: T0, lastLoginAt: null };
    const signedIn = await after(async () => {
      await store.accounts.createUser(user);
      await store.accounts.updateUser('u1', { lastLoginAt: T0 + 1 }, T0 + 1);
    });
    expect(signedIn).toEqual({ stamps: revoked.stamps, woken: [] });
    const disabled = await after(() => store.accounts.updateUser('u1', { disabled: true }, T0 + 2));
    expect(disabled).toEqual({ stamps: { ...revoked.stamps, 'access:sessions': 3 }, woken: ['users'] });
    const ended = await after(async () => {
      await store.accounts.createSession({ ...session, id: 't'.repeat(64) });
      await store.accounts.deleteSession('t'.repeat(64));
    });
    expect(ended).toEqual({ stamps: { ...revoked.stamps, 'access:sessions': 4 }, woken: ['sessions'] });
  });
});
