import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AreasResponse, SubmissionStatusResponse } from '@cityioc/contracts';
import { compiledEnv, SERVER_ENTRY, startServerProcess, tempDataDir, type ServerProcess } from '../../../test-support/server-process.ts';
import { AS, buildTestApp } from './helpers/build-test-app.ts';

const servers: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

/** Another town's registry: one district with two wards until 2025-07-01, then one ward of today absorbing them (one split). */
function townRegistry(units?: unknown[]) {
  const old = (code: string, name: string, areaKm2: number, population: number) => ({
    code,
    name,
    type: 'phường',
    level: 'commune',
    parent: '801',
    validFrom: '2021-01-01',
    validTo: '2025-07-01',
    areaKm2,
    population,
  });
  return {
    format: 'cityioc-area-registry/1',
    id: 'thi-tran-test',
    name: 'Một thành phố thử',
    root: '80',
    historyFrom: '2021-01-01',
    units: units ?? [
      { code: '80', name: 'Thử', type: 'thành phố', level: 'province', parent: null, validFrom: '2021-01-01', validTo: null },
      { code: '801', name: 'Trung Tâm', type: 'quận', level: 'district', parent: '80', validFrom: '2021-01-01', validTo: '2025-07-01' },
      old('80001', 'Một', 2, 1000),
      old('80002', 'Hai', 3, 2000),
      {
        code: '80001',
        name: 'Trung Tâm',
        type: 'phường',
        level: 'commune',
        parent: '80',
        validFrom: '2025-07-01',
        validTo: null,
        areaKm2: 5,
        population: 3000,
        predecessors: [
          { code: '80001', whole: true },
          { code: '80002', whole: true },
        ],
      },
    ],
    sources: [{ id: 's', title: 'test', used: 'illustrative' }],
  };
}

describe('the area registry is data: IOC_AREAS_FILE', () => {
  it('a server process runs on another city’s registry file', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const file = join(dir, 'town.registry.json');
    writeFileSync(file, JSON.stringify(townRegistry()));
    const s = await startServerProcess({ dataDir: join(dir, 'data'), env: { IOC_AREAS_FILE: file, IOC_AGENCIES_FILE: join(dir, 'agencies.json') } }).catch(
      (e: Error) => e,
    );
    // the bundled agencies name Cần Thơ's units: a town needs its own agency file
    expect(s).toBeInstanceOf(Error);
    writeFileSync(
      join(dir, 'agencies.json'),
      JSON.stringify({
        format: 'cityioc-agencies/1',
        id: 'town',
        name: 'town agencies',
        agencies: [{ code: '000.00.01.X80', name: { vi: 'Sở Nội vụ', en: 'Department of Home Affairs' }, level: 'PROVINCE', adminUnitCode: '80' }],
        sources: [],
      }),
    );
    // the test callers are scoped to Cần Thơ's units: the town's server has a viewer token of its own
    const viewer = 'town-viewer-token-0123456789';
    const server = await startServerProcess({
      dataDir: join(dir, 'data'),
      testTokens: false,
      env: { IOC_AREAS_FILE: file, IOC_AGENCIES_FILE: join(dir, 'agencies.json'), IOC_VIEWER_TOKEN: viewer },
    });
    servers.push(server);
    const read = { headers: { authorization: `Bearer ${viewer}` } };
    const areas = (await (await fetch(`${server.url}/api/v1/areas?at=2026-01-01`, read)).json()) as AreasResponse;
    expect(areas.units.map((u) => `${u.code} ${u.name}`)).toEqual(['80 Thử', '80001 Trung Tâm']);
    const before = (await (await fetch(`${server.url}/api/v1/areas?at=2025-06-30`, read)).json()) as AreasResponse;
    expect(before.units.map((u) => u.code)).toEqual(['80', '801', '80001', '80002']);
  });

  it('a contradictory registry stops the start, naming every reason (two parents at one date, weights that do not sum to 1)', async () => {
    const { dir, remove } = tempDataDir();
    cleanups.push(remove);
    const reg = townRegistry();
    const units = reg.units as Record<string, unknown>[];
    // the ward also under the city on the same days, and a split whose weights add up to 0.9
    units.push({ code: '80002', name: 'Hai', type: 'phường', level: 'commune', parent: '80', validFrom: '2024-01-01', validTo: '2025-07-01' });
    units[4] = {
      ...units[4],
      predecessors: [
        { code: '80001', whole: true },
        { code: '80002', whole: false, weights: { area: 0.9, population: 0.9 }, estimated: true },
      ],
    };
    const file = join(dir, 'bad.registry.json');
    writeFileSync(file, JSON.stringify(reg));
    const p = spawn(process.execPath, [SERVER_ENTRY], {
      env: { ...compiledEnv(), IOC_AREAS_FILE: file, IOC_DATA_DIR: join(dir, 'data'), PORT: '0', IOC_DEMO: 'false', IOC_DASHBOARD_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => p.once('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toContain('configuration error');
    expect(err).toContain('configuration error: 3 bad variables');
    expect(err).toMatch(/IOC_AREAS_FILE=.*bad\.registry\.json: two_parents \(80002\): unit 80002 has two parents on 2024-01-01: 801 and 80/);
    expect(err).toMatch(/IOC_AREAS_FILE=.*: weights_sum \(80002\): unit 80002@2021-01-01: area weights sum to 0\.9, not 1/);
    expect(err).toMatch(/IOC_AREAS_FILE=.*: weights_sum \(80002\): unit 80002@2021-01-01: population weights sum to 0\.9, not 1/);
  });
});

describe('reporting duties follow the date', () => {
  it('in November 2026 nobody is overdue for a unit that no longer exists: the 9 district committees and the merged departments owe nothing', async () => {
    const t = await buildTestApp({}, { clock: () => Date.parse('2026-11-20T10:00:00+07:00') });
    try {
      const st = (
        await t.app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/reporting/status?regime=cchc-cds&period=2026-10' })
      ).json<SubmissionStatusResponse>();
      const codes = st.units.map((u) => u.unit);
      for (const gone of ['916', '917', '918', '919', '923', '924', '925', '926', '927', 'SKHDT', 'SGTVT', 'STNMT', 'SNNPTNT', 'STTTT', 'SLDTBXH'])
        expect(codes).not.toContain(gone);
      expect(codes.filter((c) => /^\d{5}$/.test(c))).toHaveLength(103);
      expect(codes).toContain('SNNMT');
      expect(st.units.find((u) => u.unit === '31135')).toMatchObject({ unitName: 'Phường Ninh Kiều', status: 'overdue' });
      expect(st.counts.overdue).toBe(st.units.length);
      // a period before the mergers and the reform: the districts and the old departments owed it, the communes did not exist
      const old = (
        await t.app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/reporting/status?regime=cchc-cds&period=2025-02' })
      ).json<SubmissionStatusResponse>();
      const oldCodes = old.units.map((u) => u.unit);
      expect(oldCodes).toContain('916');
      expect(oldCodes).toContain('STNMT');
      expect(oldCodes).not.toContain('SNNMT');
      expect(oldCodes.some((u) => /^\d{5}$/.test(u))).toBe(false);
    } finally {
      await t.cleanup();
    }
  });
});
