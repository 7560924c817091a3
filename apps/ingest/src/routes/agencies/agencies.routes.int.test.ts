import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AgenciesResponse } from '@cityioc/contracts';
import { CAN_THO_AGENCIES } from '@cityioc/domain';
import { buildTestApp } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
let cleanup: (() => Promise<void>) | undefined;
const now = Date.parse('2026-12-05T10:00:00+07:00');
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function start() {
  ({ app, cleanup } = await buildTestApp({ tickMs: 20 }, { clock: () => now }));
}

describe('GET /api/v1/agencies', () => {
  it('lists the agencies in force today by name, with their unit and validity', async () => {
    await start();
    const r = await app.inject({ method: 'GET', url: '/api/v1/agencies' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as AgenciesResponse;
    expect(body.at).toBe('2026-12-05');
    const today = CAN_THO_AGENCIES.filter((a) => (a.validFrom ?? '') <= '2026-12-05' && (a.validTo === undefined || '2026-12-05' < a.validTo));
    expect(body.agencies.map((a) => a.code)).toEqual(today.map((a) => a.code));
    const first = today[0]!;
    expect(body.agencies[0]).toEqual({
      code: first.code,
      name: { vi: first.name.vi, en: first.name.en },
      level: first.level,
      adminUnitCode: first.adminUnitCode,
      parent: first.parent ?? null,
      validFrom: first.validFrom ?? null,
      validTo: first.validTo ?? null,
    });
  });

  it('answers for a date, and refuses a date that does not exist with the field at fault', async () => {
    await start();
    const past = await app.inject({ method: 'GET', url: '/api/v1/agencies?at=2024-03-01' });
    expect(past.statusCode).toBe(200);
    expect((past.json() as AgenciesResponse).at).toBe('2024-03-01');
    const bad = await app.inject({ method: 'GET', url: '/api/v1/agencies?at=2025-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_date', details: [{ field: '/at', reason: 'invalid_date' }] });
    const junk = await app.inject({ method: 'GET', url: '/api/v1/agencies?at=yesterday' });
    expect(junk.statusCode).toBe(400);
  });
});
