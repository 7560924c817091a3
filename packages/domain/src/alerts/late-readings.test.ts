/**
 * Every rule kind under late, out-of-order and back-filled readings, clock checks at random
 * moments and a restart that replays the log: at most one uncleared alert per rule and station,
 * no signal the lifecycle drops, and a replay that neither raises nor clears anything new.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '@cityioc/contracts';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { seededRandom } from '../random/seeded-random.ts';
import { CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { AlertEngine, type Reading } from './engine.ts';
import { CAN_THO_ALERT_RULES } from './rules.ts';
import { applyToAlertTable } from './test-alert-table.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const T0 = Date.parse('2026-11-20T00:00:00+07:00');

describe('all rule kinds with late and out-of-order readings, then a restart', () => {
  it.each([
    ['water_level', 'wl-can-tho'],
    ['pm25', 'aq-ninh-kieu'],
  ])('%s at %s: one uncleared alert per rule at most, nothing refused, a replay adds nothing', (indicator, station) => {
    const problems: string[] = [];
    let signals = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = seededRandom(seed);
      const live = new AlertEngine(index, CAN_THO_ALERT_RULES);
      const table = new Map<string, Alert>();
      const log: Reading[] = [];
      let t = T0;
      let now = T0;
      let v = indicator === 'water_level' ? 170 : 60;
      for (let i = 0; i < 300; i++) {
        // mostly in order, some late readings (older than the newest), some repeated times
        const roll = r();
        const observedAt = roll < 0.1 ? t - Math.floor(r() * 3_600_000) : roll < 0.15 ? t : (t += Math.floor(r() * 15 * 60_000));
        // the clock runs on, now and then with a gap (a silent station, a down IOC)
        now = Math.max(now, t) + Math.floor(r() * (r() < 0.1 ? 3_600_000 : 60_000));
        v = Math.max(0, v + Math.round((r() - 0.45) * (indicator === 'water_level' ? 10 : 30)));
        const reading: Reading = { indicator, area: indicator === 'pm25' ? '916' : '916', station, observedAt, receivedAt: now, value: v };
        log.push(reading);
        const s = live.observe(reading);
        if (r() < 0.5) s.push(...live.checkSilence(now + 250));
        signals += s.length;
        problems.push(...applyToAlertTable(table, s, now).map((x) => `seed ${seed}: refused ${x}`));
        const open = new Map<string, number>();
        for (const a of table.values()) if (a.clearedAt === null) open.set(a.ruleId, (open.get(a.ruleId) ?? 0) + 1);
        for (const [rule, n] of open) if (n > 1) problems.push(`seed ${seed}, step ${i}: ${n} uncleared ${rule} alerts`);
      }
      // the live clock at the restart's moment, then a restart without a checkpoint: the log replayed, then the clock
      problems.push(...applyToAlertTable(table, live.checkSilence(now + 2), now + 2).map((x) => `seed ${seed}: refused ${x}`));
      const ids = new Set(table.keys());
      const uncleared = [...table.values()].filter((a) => a.clearedAt === null).map((a) => a.id);
      const replay = new AlertEngine(index, CAN_THO_ALERT_RULES);
      for (const x of log) applyToAlertTable(table, replay.observe(x), now + 1);
      applyToAlertTable(table, replay.checkSilence(now + 2), now + 2);
      for (const id of table.keys()) if (!ids.has(id)) problems.push(`seed ${seed}: the replay raised ${id}`);
      const after = [...table.values()].filter((a) => a.clearedAt === null).map((a) => a.id);
      if (after.join() !== uncleared.join()) problems.push(`seed ${seed}: uncleared ${uncleared.join()} became ${after.join()} after the replay`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(signals).toBeGreaterThan(300);
  });
});
