import { seededRandom } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { DossierArena } from './dossier-arena.ts';

const code = (i: number) => `H13.31135-260101-${String(i).padStart(7, '0')}`;

describe('DossierArena: a string table off the V8 heap', () => {
  it('answers like a Map through random sets, replacements and deletes, across chunk compactions and table growth', () => {
    const rnd = seededRandom(7);
    // tiny chunks and slots, so that growth and compaction happen hundreds of times
    const arena = new DossierArena({ chunkBytes: 256, slots: 16 });
    const model = new Map<string, [string, number]>();
    for (let step = 0; step < 20_000; step++) {
      const key = code(Math.floor(rnd() * 600));
      const r = rnd();
      if (r < 0.55) {
        const value = 'x'.repeat(Math.floor(rnd() * 90)) + String(step);
        const tag = r < 0.05 ? NaN : step;
        arena.set(key, value, tag);
        model.set(key, [value, tag]);
      } else if (r < 0.8) {
        expect(arena.delete(key)).toBe(model.delete(key));
      } else {
        expect(arena.get(key)).toBe(model.get(key)?.[0]);
        expect(arena.has(key)).toBe(model.has(key));
        expect(arena.tag(key)).toBe(model.get(key)?.[1]);
      }
    }
    expect(arena.size).toBe(model.size);
    const entries = [...arena.entries()].map(([k, v, t]) => [k, [v, t]] as const);
    expect(new Map(entries)).toEqual(model);
    expect(arena.keys().sort()).toEqual([...model.keys()].sort());
    const s = arena.stats();
    expect(s.compactions).toBeGreaterThan(100);
    expect(s.liveBytes).toBe([...model].reduce((n, [k, [v]]) => n + 2 + Buffer.byteLength(k) + Buffer.byteLength(v), 0));
    // the stated bound: every chunk but the one being filled is at least half live
    expect(s.deadBytes).toBeLessThanOrEqual(s.liveBytes + 256);
    expect(s.chunkBytes).toBeLessThanOrEqual(2 * s.liveBytes + 2 * 256);
  });

  it('frozen(): reads the entries of the moment it was called, whatever is set, replaced, removed or compacted after', () => {
    const rnd = seededRandom(11);
    const arena = new DossierArena({ chunkBytes: 256, slots: 16 });
    const model = new Map<string, string>();
    const step = (i: number) => {
      const key = code(Math.floor(rnd() * 300));
      if (rnd() < 0.6) {
        const value = `${'ạ'.repeat(Math.floor(rnd() * 40))}${i}`;
        arena.set(key, value);
        model.set(key, value);
      } else {
        arena.delete(key);
        model.delete(key);
      }
    };
    for (let i = 0; i < 5_000; i++) step(i);
    const compactionsBefore = arena.stats().compactions;
    const frozen = arena.frozen();
    const then = new Map(model);
    expect(frozen.size).toBe(then.size);
    // read half, churn the arena (thousands of sets, deletes and chunk compactions), read the rest
    const it = frozen.entries();
    const read = new Map<string, string>();
    for (let i = 0; i < then.size / 2; i++) {
      const [k, v] = it.next().value!;
      read.set(k, v);
    }
    for (let i = 5_000; i < 10_000; i++) step(i);
    expect(arena.stats().compactions).toBeGreaterThan(compactionsBefore + 50);
    for (const [k, v] of it) read.set(k, v);
    expect(read).toEqual(then);
    // and the arena itself answers the present
    expect(new Map([...arena.entries()].map(([k, v]) => [k, v]))).toEqual(model);
  });

  it('reclaims what removal and replacement leave: a year of churn stays within twice the live bytes', () => {
    const arena = new DossierArena({ chunkBytes: 4096 });
    for (let i = 0; i < 5000; i++) arena.set(code(i), `v${i}`.padEnd(100, '.'), i);
    const full = arena.stats();
    // every entry replaced ten times (a late event unpacks a dossier, it is packed again), then nine in ten removed
    for (let round = 0; round < 10; round++) for (let i = 0; i < 5000; i++) arena.set(code(i), `r${round}:${i}`.padEnd(100, '.'), i);
    for (let i = 0; i < 5000; i++) if (i % 10 !== 0) arena.delete(code(i));
    const after = arena.stats();
    expect(arena.size).toBe(500);
    expect(after.liveBytes).toBe(full.liveBytes / 10);
    expect(after.chunkBytes).toBeLessThanOrEqual(2 * after.liveBytes + 2 * 4096);
    expect(arena.get(code(4990))).toBe('r9:4990'.padEnd(100, '.'));
    expect(arena.get(code(4991))).toBeUndefined();
    // removing every entry frees every chunk but the one being filled
    for (let i = 0; i < 5000; i += 10) arena.delete(code(i));
    expect(arena.stats()).toMatchObject({ entries: 0, liveBytes: 0, chunks: 1 });
  });

  it('keeps keys and values of any text: Vietnamese, empty, longer than a chunk', () => {
    const arena = new DossierArena({ chunkBytes: 64 });
    const long = 'Hồ sơ '.repeat(100);
    arena.set('Cần Thơ', 'Phường Ninh Kiều');
    arena.set('', '');
    arena.set('big', long);
    arena.set('Cần Thơ ', 'other');
    expect(arena.get('Cần Thơ')).toBe('Phường Ninh Kiều');
    expect(arena.get('')).toBe('');
    expect(arena.get('big')).toBe(long);
    expect(arena.get('Cần Thơ ')).toBe('other');
    expect(arena.get('Can Tho')).toBeUndefined();
    expect(arena.tag('')).toBeNaN();
    expect(() => arena.set('k'.repeat(70_000), '')).toThrow('arena key of 70000 bytes, at most 65535');
  });

  it('skips entries by tag without decoding them, and tolerates changes while it goes through them', () => {
    const arena = new DossierArena();
    for (let i = 0; i < 100; i++) arena.set(code(i), String(i), i % 2 === 0 ? i : NaN);
    expect([...arena.entries((t) => t >= 10 && t < 20)].map(([, v]) => v)).toEqual(['10', '12', '14', '16', '18']);
    const seen: string[] = [];
    for (const [k, v] of arena.entries()) {
      seen.push(v);
      arena.delete(k);
      if (v === '0') arena.delete(code(1));
    }
    expect(seen).toHaveLength(99);
    expect(arena.size).toBe(0);
  });

  it('stores bytes: a key sliced from a large text is found by an equal string built another way, and only its bytes are kept', () => {
    const arena = new DossierArena();
    const parent = 'H13.31135-260101-'.repeat(1000);
    const key = parent.slice(17, 47);
    arena.set(key, parent.slice(0, 40));
    expect(arena.get('H13.31135-260101-' + 'H13.31135-260')).toBe('H13.31135-260101-H13.31135-260101-H13.31');
    expect(arena.keys()).toEqual(['H13.31135-260101-H13.31135-260']);
    expect(arena.stats().liveBytes).toBe(2 + 30 + 40);
  });
});
