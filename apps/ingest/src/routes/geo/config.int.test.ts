import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierUrl } from '@cityioc/domain';
import type { ClientConfig } from '@cityioc/contracts';
import { AS, buildTestApp } from '../../../test/helpers/build-test-app.ts';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;
const TEMPLATE = 'https://dichvucong.cantho.gov.vn/ho-so/{code}?co-quan={agency}';

describe('GET /api/v1/config: the one-stop system link of a dossier (IOC_DOSSIER_URL_TEMPLATE)', () => {
  let t: Ctx;
  beforeAll(async () => {
    t = await buildTestApp({ dossierUrlTemplate: TEMPLATE });
  });
  afterAll(() => t.cleanup());

  it('gives every signed-in role the template, which the dashboard fills in per dossier', async () => {
    for (const who of [AS.operator, AS.leader, AS.analyst, AS.admin]) {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/config', headers: who });
      expect(r.statusCode).toBe(200);
      expect(r.json<ClientConfig>().dossierUrlTemplate).toBe(TEMPLATE);
    }
    const cfg = (await t.app.inject({ method: 'GET', url: '/api/v1/config', headers: AS.operator })).json<ClientConfig>();
    expect(dossierUrl(cfg.dossierUrlTemplate, { code: 'H13.35-251201-0001', agency: '000.135.00.H13' })).toBe(
      'https://dichvucong.cantho.gov.vn/ho-so/H13.35-251201-0001?co-quan=000.135.00.H13',
    );
  });

  it('is not given to a caller without a session', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/config' });
    expect(r.statusCode).toBe(401);
  });
});
