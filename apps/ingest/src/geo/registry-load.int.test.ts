import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '@cityioc/contracts';
import { AS, buildTestApp } from '../../test/helpers/build-test-app.ts';
import { loadAreaRegistryFile } from './geo-config.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** Starts a real app (on `overrides.dataDir`: the same store file each time) and reads its registry loads from the audit API. */
async function startAndReadLoads(overrides: Parameters<typeof buildTestApp>[0] = {}, action = 'registry.load') {
  const t = await buildTestApp(overrides);
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/audit?action=${action}&limit=50`, headers: AS.admin });
  expect(res.statusCode).toBe(200);
  const records = res.json<{ records: AuditRecord[] }>().records;
  return { ...t, records };
}

describe('registry.load in the audit log', () => {
  it('is recorded on the first start, not again on a restart with the same registry, and again when the registry changes', async () => {
    const first = await startAndReadLoads();
    const dataDir = first.dataDir;
    await first.app.close();
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    expect(first.records.map((r) => [r.action, r.actor, r.target])).toEqual([['registry.load', 'system', 'can-tho']]);
    const units = first.config.registry.file.units.length;
    expect(first.records[0]!.details).toMatchObject({ units, agencies: first.config.agencies.agencies.length });

    // a later app on the same store file (its cleanup stops it and removes only its own unused temporary folder)
    const second = await startAndReadLoads({ dataDir });
    await second.cleanup();
    expect(second.records).toHaveLength(1);

    // the same units under another name: a changed registry file (IOC_AREAS_FILE)
    const file = join(dataDir, 'renamed.registry.json');
    writeFileSync(file, JSON.stringify({ ...first.config.registry.file, name: `${first.config.registry.file.name} (sửa đổi)` }));
    const third = await startAndReadLoads({ dataDir, registry: loadAreaRegistryFile(file) });
    await third.cleanup();
    expect(third.records).toHaveLength(2);
    expect(third.records[0]!.details!['hash']).not.toBe(third.records[1]!.details!['hash']);
  });
});

describe('alert_rules.load in the audit log', () => {
  it('is recorded on the first start, not again with the same thresholds, and again when a threshold changes', async () => {
    const first = await startAndReadLoads({}, 'alert_rules.load');
    const dataDir = first.dataDir;
    await first.app.close();
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const rules = first.config.alertRules;
    expect(first.records.map((r) => [r.action, r.actor, r.target])).toEqual([['alert_rules.load', 'system', 'alert-rules']]);
    expect(first.records[0]!.details).toMatchObject({ rules: rules.length, ids: rules.map((r) => r.id) });

    const second = await startAndReadLoads({ dataDir }, 'alert_rules.load');
    await second.cleanup();
    expect(second.records).toHaveLength(1);

    // one rule renamed (as an IOC_ALERT_RULES_FILE edit would): a new record with another hash
    const changed = rules.map((r, i) => (i === 0 ? { ...r, id: `${r.id}-v2` } : r));
    const third = await startAndReadLoads({ dataDir, alertRules: changed }, 'alert_rules.load');
    await third.cleanup();
    expect(third.records).toHaveLength(2);
    expect(third.records[0]!.details).toMatchObject({ ids: changed.map((r) => r.id) });
    expect(third.records[0]!.details!['hash']).not.toBe(third.records[1]!.details!['hash']);
  });
});
