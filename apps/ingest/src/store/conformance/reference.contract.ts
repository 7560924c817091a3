import { describe, expect, it } from 'vitest';
import type { WallPinPush, WallPlaylist } from '@cityioc/contracts';
import { CAN_THO_CATALOGUE, DEFAULT_WALL_PLAYLIST, indexCatalogue, makePin } from '@cityioc/domain';
import { makePrincipal } from '../../access/principal.ts';
import { WALL_PIN_KIND, WallPinService } from '../../wall/wall-pin.service.ts';
import { WallPlaylistService } from '../../wall/wall-playlist.service.ts';
import type { ReferenceStore } from '../reference-store.ts';
import { useStore, type StoreHarness } from './harness.ts';

const T0 = Date.parse('2026-11-22T07:00:00+07:00');
const proc = (code: string, days: number, validFrom = '2020-01-01') => ({
  key: code,
  validFrom,
  body: { code, name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' }, legalTime: { value: days, unit: 'working_days' }, validFrom },
  origin: 'test',
});

const LEADER = makePrincipal(
  { city: '92', ancestorsAndSelf: (c) => [c] },
  { kind: 'user', id: 'u-leader', name: 'Trần Văn Lãnh', role: 'leader', scopes: { units: ['92'], agencies: [] }, actor: 'lanhdao' },
);

/** A wall-pin service on a store, its pushes collected (targets are panels: no alert or unit lookup is needed). */
function pinService(reference: ReferenceStore, clock: () => number, pushes: WallPinPush[] = []) {
  return new WallPinService({
    reference,
    index: indexCatalogue(CAN_THO_CATALOGUE),
    retired: () => null,
    alerts: { detail: async () => null },
    audit: { record: async () => undefined },
    push: (p) => pushes.push(p),
    clock,
    ttl: { minSeconds: 60, maxSeconds: 3600 },
    onError: (err) => {
      throw err;
    },
  });
}

/** `n` pin documents of a wall as the pin service stores them, pinned and released in turn, the last one at `last` (epoch ms). */
function pinHistory(wall: string, n: number, last: number) {
  return Array.from({ length: n }, (_, i) => {
    const at = last - (n - 1 - i) * 1000;
    const pin = makePin({ id: `${wall}-${i}`, wall, target: { kind: 'panel', panel: i % 2 ? 'map' : 'water-level' }, by: 'Trần Văn Lãnh' }, at);
    const body = i % 2 === 0 ? { pin, ended: null, reason: 'pinned' } : { pin: null, ended: pin, reason: 'released' };
    return { key: wall, validFrom: null, body, origin: 'lanhdao' };
  });
}

/** The reference-document part of the Store conformance suite: every store runs it with its own harness. */
export function referenceConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, reference documents: ${name}`, () => {
    const t = useStore(harness);
    const open = () => t.open();

    it('[ST-REF1] numbers each key’s versions 1, 2, …; the same body for the same date is not stored again', async () => {
      const s = await open();
      expect(await s.reference.putReferenceItems('procedure', [proc('1.000494', 5), proc('2.000815', 3)], T0)).toEqual([
        { version: 1, stored: true },
        { version: 1, stored: true },
      ]);
      expect(await s.reference.putReferenceItems('procedure', [proc('1.000494', 5)], T0 + 1)).toEqual([{ version: 1, stored: false }]);
      expect(await s.reference.putReferenceItems('procedure', [proc('1.000494', 3, '2026-01-01'), proc('1.000494', 3, '2026-01-01')], T0 + 2)).toEqual([
        { version: 2, stored: true },
        { version: 2, stored: false },
      ]);
      // the old date's version is still the latest for that date: re-sending it changes nothing
      expect(await s.reference.putReferenceItems('procedure', [proc('1.000494', 5)], T0 + 3)).toEqual([{ version: 1, stored: false }]);
      expect(await s.reference.putReferenceItems('procedure', [proc('1.000494', 4)], T0 + 4)).toEqual([{ version: 3, stored: true }]);
      const all = await s.reference.referenceItems('procedure');
      expect(all.map((r) => [r.key, r.version, r.validFrom, r.storedAt])).toEqual([
        ['1.000494', 1, '2020-01-01', T0],
        ['1.000494', 2, '2026-01-01', T0 + 2],
        ['1.000494', 3, '2020-01-01', T0 + 4],
        ['2.000815', 1, '2020-01-01', T0],
      ]);
      expect(all[0]).toEqual({ kind: 'procedure', ...proc('1.000494', 5), version: 1, storedAt: T0 });
    });

    it('[ST-REF2] keeps kinds apart, keeps null dates, and survives a restart', async () => {
      const s = await open();
      await s.reference.putReferenceItems(
        'holiday-schedule',
        [{ key: '2027', validFrom: null, body: { year: 2027, note: 'Tết Đinh Mùi' }, origin: 'admin' }],
        T0,
      );
      await s.reference.putReferenceItems('procedure', [proc('1.000494', 5)], T0);
      const store = await t.reopen();
      expect(await store.reference.referenceItems('holiday-schedule')).toEqual([
        { kind: 'holiday-schedule', key: '2027', version: 1, validFrom: null, body: { year: 2027, note: 'Tết Đinh Mùi' }, origin: 'admin', storedAt: T0 },
      ]);
      expect((await store.reference.referenceItems('procedure')).map((r) => r.key)).toEqual(['1.000494']);
      expect(await store.reference.referenceItems('nothing')).toEqual([]);
      expect(await store.reference.putReferenceItems('procedure', [], T0)).toEqual([]);
    });

    it('[ST-REF3] concurrent writers of one kind never give two items the same version', async () => {
      const s = await open();
      const results = await Promise.all([1, 2, 3, 4, 5].map((d) => s.reference.putReferenceItems('procedure', [proc('1.000494', d)], T0 + d)));
      expect(results.map((r) => r[0]!.version).sort()).toEqual([1, 2, 3, 4, 5]);
      expect((await s.reference.referenceItems('procedure')).map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    });

    it('[ST-REF4] lists versions without their bodies and reads one body; a large document (a boundary import) is stored whole', async () => {
      const s = await open();
      // ~3.6 MB, the size of the 103 official commune boundaries
      const ring = Array.from({ length: 120_000 }, (_, i) => [105.5 + i * 1e-6, 10.0 + (i % 7) * 1e-6]);
      const big = { at: '2025-07-01', features: [{ code: '31135', geometry: { type: 'Polygon', coordinates: [ring] } }] };
      expect(JSON.stringify(big).length).toBeGreaterThan(2_000_000);
      const first = await s.reference.putReferenceItems('boundary-import', [{ key: 'boundaries', validFrom: '2025-07-01', body: big, origin: 'admin' }], T0);
      const second = await s.reference.putReferenceItems(
        'boundary-import',
        [{ key: 'boundaries', validFrom: '2025-07-01', body: { at: '2025-07-01', features: [] }, origin: 'admin' }],
        T0 + 1,
      );
      // importing the first file again after the second makes it the latest again (a new version), not a no-op
      const again = await s.reference.putReferenceItems(
        'boundary-import',
        [{ key: 'boundaries', validFrom: '2025-07-01', body: big, origin: 'admin' }],
        T0 + 2,
      );
      expect([first, second, again]).toEqual([[{ version: 1, stored: true }], [{ version: 2, stored: true }], [{ version: 3, stored: true }]]);
      const store = await t.reopen();
      expect(await store.reference.referenceHeads('boundary-import')).toEqual([
        { kind: 'boundary-import', key: 'boundaries', version: 1, validFrom: '2025-07-01', origin: 'admin', storedAt: T0 },
        { kind: 'boundary-import', key: 'boundaries', version: 2, validFrom: '2025-07-01', origin: 'admin', storedAt: T0 + 1 },
        { kind: 'boundary-import', key: 'boundaries', version: 3, validFrom: '2025-07-01', origin: 'admin', storedAt: T0 + 2 },
      ]);
      expect(await store.reference.referenceBody('boundary-import', 'boundaries', 3)).toEqual(big);
      expect(await store.reference.referenceBody('boundary-import', 'boundaries', 2)).toEqual({ at: '2025-07-01', features: [] });
      expect(await store.reference.referenceBody('boundary-import', 'boundaries', 9)).toBeUndefined();
      expect(await store.reference.referenceHeads('nothing')).toEqual([]);
    });

    it('[ST-REF5] the latest version of one key, read alone, among thousands of versions and other keys; the keys of a kind', async () => {
      const s = await open();
      const items = pinHistory('main', 3000, T0);
      for (let b = 0; b < items.length; b += 500) await s.reference.putReferenceItems(WALL_PIN_KIND, items.slice(b, b + 500), T0 + b);
      await s.reference.putReferenceItems(WALL_PIN_KIND, pinHistory('phong-hop', 7, T0), T0 + 9);
      // the same key in another kind, and a version of 'main' for another date, stored last
      await s.reference.putReferenceItems('other', [{ key: 'main', validFrom: null, body: { other: true }, origin: 'x' }], T0 + 10);
      expect(await s.reference.referenceLatest(WALL_PIN_KIND, 'main')).toEqual({ kind: WALL_PIN_KIND, ...items[2999]!, version: 3000, storedAt: T0 + 2500 });
      expect((await s.reference.referenceLatest(WALL_PIN_KIND, 'phong-hop'))?.version).toBe(7);
      await s.reference.putReferenceItems(WALL_PIN_KIND, [{ key: 'main', validFrom: '2027-01-01', body: { dated: true }, origin: 'x' }], T0 + 11);
      const store = await t.reopen();
      expect(await store.reference.referenceLatest(WALL_PIN_KIND, 'main')).toMatchObject({ version: 3001, validFrom: '2027-01-01', body: { dated: true } });
      expect(await store.reference.referenceLatest(WALL_PIN_KIND, 'nowhere')).toBeUndefined();
      expect(await store.reference.referenceLatest('nothing', 'main')).toBeUndefined();
      expect(await store.reference.referenceKeys(WALL_PIN_KIND)).toEqual(['main', 'phong-hop']);
      expect(await store.reference.referenceKeys('nothing')).toEqual([]);
    });

    it('[ST-REF-PIN] the pin in force after a few thousand pins and releases: the latest document, before and after a restart', async () => {
      const s = await open();
      let now = T0;
      const clock = () => now;
      // 3,000 documents: pinned and released in turn, the last one a release
      const items = pinHistory('main', 3000, T0 - 1000);
      for (let b = 0; b < items.length; b += 500) await s.reference.putReferenceItems(WALL_PIN_KIND, items.slice(b, b + 500), T0 - 1000);
      // another wall whose last document is a pin still in force
      await s.reference.putReferenceItems(WALL_PIN_KIND, pinHistory('phong-hop', 5, T0 - 1000), T0 - 1000);
      const pushes: WallPinPush[] = [];
      const pins = pinService(s.reference, clock, pushes);
      expect(await pins.current('main')).toBeNull();
      expect((await pins.current('phong-hop'))?.id).toBe('phong-hop-4');
      // then forty pins and releases through the service, each read back at once
      for (let i = 0; i < 20; i++) {
        now += 1000;
        const pin = await pins.pin({ wall: 'main', target: { kind: 'panel', panel: i % 2 ? 'kpi-tiles' : 'air-quality' } }, LEADER, null);
        expect(await pins.current('main')).toEqual(pin);
        now += 1000;
        expect(await pins.release('main', LEADER, null)).toEqual(pin);
        expect(await pins.current('main')).toBeNull();
      }
      now += 1000;
      const last = await pins.pin({ wall: 'main', target: { kind: 'scene', scene: 'reporting' }, ttlSeconds: 120 }, LEADER, null);
      expect(pushes.map((p) => p.reason)).toEqual([...Array.from({ length: 20 }, () => ['pinned', 'released']).flat(), 'pinned']);
      expect((await s.reference.referenceLatest(WALL_PIN_KIND, 'main'))?.version).toBe(3041);
      // a restart: the new service finds both walls' pins and ends the main wall's on time
      const again = pinService((await t.reopen()).reference, clock);
      await again.start();
      expect(await again.current('main')).toEqual(last);
      expect((await again.current('phong-hop'))?.id).toBe('phong-hop-4');
      now += 121_000;
      expect(await again.current('main')).toBeNull();
    });

    it('[ST-REF-WALL] the wall playlist: the default until one is stored, its latest version after a restart', async () => {
      const pushes: WallPlaylist[] = [];
      const s = await open();
      const wall = new WallPlaylistService(
        s.reference,
        () => T0,
        (p) => pushes.push(p),
      );
      expect(await wall.current()).toMatchObject({ version: 0, isDefault: true, scenes: DEFAULT_WALL_PLAYLIST.scenes });
      const [first, ...rest] = DEFAULT_WALL_PLAYLIST.scenes;
      const edited = [...rest, { ...first!, dwellSeconds: 90 }];
      expect(await wall.replace({ scenes: edited }, 'admin-a')).toMatchObject({ ok: true, stored: true });
      expect(await wall.replace({ scenes: edited.slice(0, 2) }, 'admin-b')).toMatchObject({ ok: true, stored: true });
      expect(await wall.replace({ scenes: [] }, 'admin-b')).toMatchObject({ ok: false });
      expect(pushes.map((p) => [p.version, p.updatedBy, p.scenes.length])).toEqual([
        [1, 'admin-a', 4],
        [2, 'admin-b', 2],
      ]);
      const again = new WallPlaylistService(
        (await t.reopen()).reference,
        () => T0,
        () => undefined,
      );
      expect(await again.current()).toEqual({ scenes: edited.slice(0, 2), version: 2, isDefault: false, updatedAt: T0, updatedBy: 'admin-b' });
    });
  });
}
