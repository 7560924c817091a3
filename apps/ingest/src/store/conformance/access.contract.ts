import { describe, expect, it } from 'vitest';
import type { StoredDevice, StoredFeedKey, StoredSession, StoredUser } from '../access-store.ts';
import { useStore, type StoreHarness } from './harness.ts';

const T0 = Date.parse('2026-11-22T07:00:00+07:00');
const user = (id: string, patch: Partial<StoredUser> = {}): StoredUser => ({
  id,
  username: `user-${id}`,
  name: 'Nguyễn Thị Dung',
  role: 'operator',
  scopes: { units: ['916'], agencies: ['000.00.21.H13'] },
  passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  disabled: false,
  origin: 'local',
  subject: null,
  createdAt: T0,
  updatedAt: T0,
  lastLoginAt: null,
  ...patch,
});
const session = (id: string, patch: Partial<StoredSession> = {}): StoredSession => ({
  id,
  kind: 'user',
  subjectId: 'u1',
  csrfToken: `csrf-${id}`,
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: T0 + 12 * 3600_000,
  ip: '10.0.0.7',
  data: null,
  ...patch,
});
const device = (id: string, patch: Partial<StoredDevice> = {}): StoredDevice => ({
  id,
  name: 'Màn hình tường tầng 3',
  scopes: { units: ['92'], agencies: [] },
  tokenHash: `hash-${id}`,
  createdAt: T0,
  revokedAt: null,
  lastSeenAt: null,
  ...patch,
});
const key = (id: string, sourceId: string, createdAt: number): StoredFeedKey => ({
  id,
  sourceId,
  keyHash: `kh-${id}`,
  prefix: id.slice(0, 6),
  createdAt,
  expiresAt: null,
  revokedAt: null,
});
const grant = { endpoints: ['observations' as const], stations: ['wl-can-tho'], units: null, agencies: null };

/** The access part of the Store conformance suite (users, sessions, devices, feed sources and keys). */
export function accessConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, access: ${name}`, () => {
    const t = useStore(harness);

    it('[ST-AC1] users: created once per username and subject, read back whole, patched, deleted with their sessions', async () => {
      const s = (await t.open()).accounts;
      expect(await s.createUser(user('u1'))).toBe(true);
      expect(await s.createUser(user('u2', { username: 'user-u1' }))).toBe(false);
      expect(await s.createUser(user('u3', { username: 'oidc-x', origin: 'oidc', subject: 'https://idp x', passwordHash: null }))).toBe(true);
      expect(await s.createUser(user('u4', { username: 'oidc-y', origin: 'oidc', subject: 'https://idp x', passwordHash: null }))).toBe(false);
      expect(await s.user('u1')).toEqual(user('u1'));
      expect((await s.userByUsername('oidc-x'))?.id).toBe('u3');
      expect((await s.userBySubject('https://idp x'))?.username).toBe('oidc-x');
      expect(await s.userByUsername('nobody')).toBeNull();
      const patched = await s.updateUser('u1', { role: 'analyst', scopes: { units: ['92'], agencies: [] }, disabled: true, name: 'Trần Văn Bình' }, T0 + 5);
      expect(patched).toEqual({
        ...user('u1'),
        role: 'analyst',
        scopes: { units: ['92'], agencies: [] },
        disabled: true,
        name: 'Trần Văn Bình',
        updatedAt: T0 + 5,
      });
      // signing in is not an edit
      expect(await s.updateUser('u1', { lastLoginAt: T0 + 9 }, T0 + 9)).toMatchObject({ lastLoginAt: T0 + 9, updatedAt: T0 + 5 });
      expect(await s.updateUser('nobody', { name: 'x' }, T0)).toBeNull();
      await s.createSession(session('s1'));
      expect((await s.users()).map((u) => u.username)).toEqual(['oidc-x', 'user-u1']);
      expect(await s.deleteUser('u1')).toBe(true);
      expect(await s.deleteUser('u1')).toBe(false);
      expect(await s.session('s1')).toBeNull();
    });

    it('[ST-AC2] sessions: kept by id, touched forward only, ended one by one, per subject, and when expired', async () => {
      const s = (await t.open()).accounts;
      await s.createSession(session('s1', { data: { returnTo: '/operator', nonce: 'n' } }));
      await s.createSession(session('s2'));
      await s.createSession(session('d1', { kind: 'device', subjectId: 'dev1', expiresAt: null, lastSeenAt: T0 - 10 }));
      expect(await s.session('s1')).toEqual(session('s1', { data: { returnTo: '/operator', nonce: 'n' } }));
      await s.touchSession('s2', T0 + 60_000);
      await s.touchSession('s2', T0 + 1);
      expect((await s.session('s2'))?.lastSeenAt).toBe(T0 + 60_000);
      expect(await s.deleteSession('s1')).toBe(true);
      expect(await s.deleteSession('s1')).toBe(false);
      await s.createSession(session('s3'));
      expect((await s.deleteSessionsOf('user', 'u1')).sort()).toEqual(['s2', 's3']);
      expect(await s.session('d1')).not.toBeNull();
      await s.createSession(session('old', { expiresAt: T0 + 100 }));
      await s.createSession(session('fresh', { lastSeenAt: T0 + 50, expiresAt: T0 + 10_000 }));
      // past its absolute end (old), idle since before T0 (d1); fresh stays
      expect(await s.deleteExpiredSessions(T0 + 100, T0)).toBe(2);
      expect(await s.session('fresh')).not.toBeNull();
      expect(await s.session('d1')).toBeNull();
    });

    it('[ST-AC3] devices: found by token hash, touched, revoked once (their sessions end with them)', async () => {
      const s = (await t.open()).accounts;
      await s.createDevice(device('w1'));
      await s.createDevice(device('w2', { createdAt: T0 + 1, scopes: { units: ['916'], agencies: [] } }));
      await s.createSession(session('ws', { kind: 'device', subjectId: 'w1', expiresAt: null }));
      expect(await s.deviceByTokenHash('hash-w2')).toEqual(device('w2', { createdAt: T0 + 1, scopes: { units: ['916'], agencies: [] } }));
      expect(await s.deviceByTokenHash('nope')).toBeNull();
      await s.touchDevice('w1', T0 + 7);
      expect((await s.device('w1'))?.lastSeenAt).toBe(T0 + 7);
      expect(await s.revokeDevice('w1', T0 + 9)).toBe(true);
      expect(await s.revokeDevice('w1', T0 + 10)).toBe(false);
      expect(await s.revokeDevice('none', T0)).toBe(false);
      expect(await s.session('ws')).toBeNull();
      expect((await s.devices()).map((d) => [d.id, d.revokedAt])).toEqual([
        ['w1', T0 + 9],
        ['w2', null],
      ]);
    });

    it('[ST-AC4] feed sources and keys: a new key ends the open keys of its source at the overlap, never another source’s', async () => {
      const st = await t.open();
      const s = st.accounts;
      expect(await s.createFeedSource({ id: 'tram-nuoc', name: 'Trạm đo mực nước', grant, createdAt: T0, updatedAt: T0 })).toBe(true);
      expect(await s.createFeedSource({ id: 'tram-nuoc', name: 'x', grant, createdAt: T0, updatedAt: T0 })).toBe(false);
      await s.createFeedSource({ id: 'aqi', name: 'Quan trắc không khí', grant: { ...grant, stations: null }, createdAt: T0, updatedAt: T0 });
      await s.addFeedKey(key('k1', 'tram-nuoc', T0), T0);
      await s.addFeedKey(key('a1', 'aqi', T0), T0);
      await s.addFeedKey(key('k2', 'tram-nuoc', T0 + 10), T0 + 10 + 86_400_000);
      await s.addFeedKey(key('k3', 'tram-nuoc', T0 + 20), T0 + 20 + 86_400_000);
      expect((await s.feedKeys()).map((k) => [k.id, k.sourceId, k.expiresAt, k.revokedAt])).toEqual([
        ['a1', 'aqi', null, null],
        ['k1', 'tram-nuoc', T0 + 10 + 86_400_000, null],
        ['k2', 'tram-nuoc', T0 + 20 + 86_400_000, null],
        ['k3', 'tram-nuoc', null, null],
      ]);
      expect(await s.revokeFeedKey('tram-nuoc', 'k2', T0 + 30)).toBe(true);
      expect(await s.revokeFeedKey('tram-nuoc', 'k2', T0 + 31)).toBe(false);
      expect(await s.revokeFeedKey('aqi', 'k3', T0 + 31)).toBe(false);
      expect((await s.feedKeys()).find((k) => k.id === 'k2')).toEqual({
        ...key('k2', 'tram-nuoc', T0 + 10),
        expiresAt: T0 + 20 + 86_400_000,
        revokedAt: T0 + 30,
      });
      const updated = await s.updateFeedSource('tram-nuoc', { grant: { ...grant, units: ['916'] } }, T0 + 40);
      expect(updated).toEqual({ id: 'tram-nuoc', name: 'Trạm đo mực nước', grant: { ...grant, units: ['916'] }, createdAt: T0, updatedAt: T0 + 40 });
      expect(await s.updateFeedSource('none', { name: 'x' }, T0)).toBeNull();
      // survives a restart
      const again = (await t.reopen()).accounts;
      expect((await again.feedSources()).map((x) => x.id)).toEqual(['aqi', 'tram-nuoc']);
      expect((await again.feedKeys()).length).toBe(4);
    });
  });
}
