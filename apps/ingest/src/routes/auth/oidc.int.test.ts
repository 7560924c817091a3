/**
 * Sign-in through OpenID Connect against a real provider the test starts (oidc-provider, on a free
 * port): authorization code with PKCE, state and nonce; the provider's groups mapped to a role and a
 * scope; a forged state, a replayed callback, a missing sign-in, a person in no mapped group: 4xx.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord, SessionResponse } from '@cityioc/contracts';
import { loadConfig } from '../../env.ts';
import { AS, buildTestApp } from '../../../test/helpers/build-test-app.ts';

const REDIRECT = 'http://ioc.test/api/v1/auth/oidc/callback';
const SECRET = 'oidc-client-secret-0123456789';
const PEOPLE: Record<string, { name: string; groups: string[] }> = {
  dung: { name: 'Nguyễn Thị Dung', groups: ['ioc-ninh-kieu', 'nhan-vien'] },
  lan: { name: 'Trần Thị Lan', groups: ['ioc-lanh-dao'] },
  khach: { name: 'Khách', groups: ['nhan-vien'] },
};

let provider: Server;
let issuer: string;
let app: FastifyInstance;
let cleanup: () => Promise<void>;
/** Who signs in at the provider next (the provider's own login page is replaced by this choice). */
let person = 'dung';

beforeAll(async () => {
  provider = createServer();
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  const oidc = new Provider(issuer, {
    clients: [{ client_id: 'cityioc', client_secret: SECRET, redirect_uris: [REDIRECT], response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'groups'],
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: PEOPLE[id]!.name, preferred_username: id, groups: PEOPLE[id]!.groups }) }),
    // a first-party client: no consent screen
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile groups');
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['oidc-test-cookie-key'] },
  });
  const handle = oidc.callback();
  provider.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) void oidc.interactionFinished(req, res, { login: { accountId: person } }, { mergeWithLastSubmission: false });
    else handle(req, res);
  });
  const env = {
    IOC_DEMO: 'false',
    IOC_OIDC_ISSUER: issuer,
    IOC_OIDC_CLIENT_ID: 'cityioc',
    IOC_OIDC_CLIENT_SECRET: SECRET,
    IOC_OIDC_REDIRECT_URI: REDIRECT,
    IOC_OIDC_SCOPE: 'openid profile groups',
    IOC_OIDC_LABEL: 'Cổng đăng nhập một lần TP Cần Thơ',
    IOC_OIDC_GROUP_MAP: JSON.stringify({ 'ioc-ninh-kieu': { role: 'operator', units: ['31135'] }, 'ioc-lanh-dao': { role: 'leader', units: ['92'] } }),
  };
  ({ app, cleanup } = await buildTestApp({ access: loadConfig(env).access }));
});
afterAll(async () => {
  await cleanup?.();
  provider?.close();
});

/** A cookie jar across the provider's redirects (name → value; enough for one provider). */
function jar() {
  const cookies = new Map<string, string>();
  return {
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

/** Follows the provider's redirects until they lead back to the IOC's callback; returns its URL. */
async function throughProvider(authorizationUrl: string): Promise<URL> {
  const j = jar();
  let next = authorizationUrl;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: j.header() } });
    j.take(res);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} at ${next}: ${await res.text()}`);
    const url = new URL(location, next);
    if (url.href.startsWith(REDIRECT)) return url;
    next = url.href;
  }
  throw new Error('too many redirects');
}

/** The IOC's first leg: its redirect to the provider and the cookie that keeps the sign-in. */
async function begin(returnTo: string): Promise<{ location: string; oidcCookie: string; res: LightMyRequestResponse }> {
  const res = await app.inject({ url: `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}` });
  const c = res.cookies.find((x) => x.name === 'ioc_oidc');
  return { location: String(res.headers.location), oidcCookie: c?.value ?? '', res };
}
const callback = (url: URL, oidcCookie: string | null, remoteAddress = '10.40.0.1') =>
  app.inject({ url: `${url.pathname}${url.search}`, cookies: oidcCookie ? { ioc_oidc: oidcCookie } : {}, remoteAddress });

describe('OpenID Connect sign-in against a real provider', () => {
  it('code + PKCE + state + nonce; the groups give the role and the scope; back to returnTo with the session cookie', async () => {
    expect((await app.inject({ url: '/api/v1/auth/config' })).json()).toEqual({
      local: true,
      oidc: { enabled: true, label: 'Cổng đăng nhập một lần TP Cần Thơ' },
      demo: false,
    });
    person = 'dung';
    const { location, oidcCookie, res } = await begin('/operator/alerts?status=open');
    expect(res.statusCode).toBe(302);
    const auth = new URL(location);
    expect(auth.origin).toBe(issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(res.cookies.find((x) => x.name === 'ioc_oidc')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
    const back = await throughProvider(location);
    const done = await callback(back, oidcCookie);
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/operator/alerts?status=open');
    const session = done.cookies.find((x) => x.name === 'ioc_session')!;
    const me = (await app.inject({ url: '/api/v1/auth/me', cookies: { ioc_session: session.value } })).json() as SessionResponse;
    expect(me.user).toMatchObject({ name: 'Nguyễn Thị Dung', role: 'operator', scopes: { units: ['31135'], agencies: [] }, kind: 'user' });
    // the account is kept, marked as the provider's (no password here)
    const users = (await app.inject({ url: '/api/v1/admin/users', headers: AS.admin })).json() as { users: { username: string; origin: string }[] };
    expect(users.users).toEqual([expect.objectContaining({ username: 'dung', origin: 'oidc' })]);
    const audit = (await app.inject({ url: '/api/v1/admin/audit?action=auth.login', headers: AS.admin })).json() as { records: AuditRecord[] };
    expect(audit.records[0]).toMatchObject({ actor: 'dung', details: { method: 'oidc' } });
    // replaying the same callback: the sign-in was used up
    expect((await callback(back, oidcCookie)).json()).toMatchObject({ statusCode: 400, error: 'oidc_no_transaction' });
  });

  it('a forged state is refused with 400, never 5xx, and opens no session', async () => {
    person = 'lan';
    const { location, oidcCookie } = await begin('/');
    const back = await throughProvider(location);
    back.searchParams.set('state', 'forged-state-value');
    const r = await callback(back, oidcCookie);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ statusCode: 400, error: 'oidc_invalid_response' });
    expect(r.cookies.find((x) => x.name === 'ioc_session')).toBeUndefined();
  });

  it('a callback without the sign-in cookie, a provider error, a person in no mapped group: 4xx', async () => {
    person = 'lan';
    const { location } = await begin('/');
    expect((await callback(await throughProvider(location), null)).json()).toMatchObject({ statusCode: 400, error: 'oidc_no_transaction' });
    const denied = await begin('/');
    const err = new URL(REDIRECT);
    err.search = `?error=access_denied&state=${new URL(denied.location).searchParams.get('state')}&iss=${encodeURIComponent(issuer)}`;
    expect((await callback(err, denied.oidcCookie)).json()).toMatchObject({ statusCode: 401, error: 'oidc_denied' });
    person = 'khach';
    const k = await begin('/');
    expect((await callback(await throughProvider(k.location), k.oidcCookie)).json()).toEqual({
      statusCode: 403,
      error: 'no_role',
      message: 'khach is in no group that has a role in the IOC (IOC_OIDC_GROUP_MAP)',
    });
    // returnTo is a same-origin path or nothing
    person = 'lan';
    const evil = await begin('https://evil.example/phish');
    const r = await callback(await throughProvider(evil.location), evil.oidcCookie);
    expect(r.headers.location).toBe('/');
    const slashes = await begin('//evil.example/x');
    expect((await callback(await throughProvider(slashes.location), slashes.oidcCookie)).headers.location).toBe('/');
  });
});
