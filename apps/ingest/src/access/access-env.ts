import { BlockList, isIP } from 'node:net';
import { parseGroupMap } from '@cityioc/domain';
import { ConfigError, envBool, envInt, envSchema, envString, envText, isTrue } from '../env-schema.ts';
import type { OidcConfig } from './oidc.ts';

/** The access variables (part of the core schema, env.ts); README "Access and security" documents each. */
export const AccessEnvSchema = envSchema({
  IOC_METRICS_TOKEN: envString('^.{16,}$', 'a token of at least 16 characters', true),
  IOC_COOKIE_SECURE: envBool(false),
  IOC_SESSION_IDLE_MINUTES: envInt(120, 1, 7 * 24 * 60),
  IOC_SESSION_MAX_HOURS: envInt(12, 1, 24 * 90),
  IOC_DEVICE_IDLE_DAYS: envInt(30, 1, 3650),
  IOC_AUTH_FAILURES_PER_MINUTE: envInt(20, 1, 100_000),
  IOC_LOGIN_LOCK_FAILURES: envInt(10, 1, 1000),
  IOC_LOGIN_LOCK_MINUTES: envInt(15, 1, 24 * 60),
  IOC_KEY_OVERLAP_HOURS: envInt(24, 0, 24 * 365),
  IOC_TRUSTED_PROXIES: envText(),
  IOC_CORS_ORIGINS: envText(),
  IOC_MAX_CONNECTIONS: envInt(20_000, 1, 1_000_000),
  IOC_REQUEST_TIMEOUT_MS: envInt(120_000, 1000, 3600_000),
  IOC_HEADERS_TIMEOUT_MS: envInt(10_000, 1000, 600_000),
  IOC_KEEP_ALIVE_TIMEOUT_MS: envInt(72_000, 1000, 600_000),
  IOC_BEHIND_TLS_PROXY: envBool(false),
  IOC_CSP_CONNECT_SRC: envText(),
  IOC_OIDC_ISSUER: envString('^https?://', 'the issuer URL, http(s)://…'),
  IOC_OIDC_CLIENT_ID: envText(),
  IOC_OIDC_CLIENT_SECRET: envString('^.+$', 'the client secret', true),
  IOC_OIDC_REDIRECT_URI: envString('^https?://', 'the callback URL, http(s)://…/api/v1/auth/oidc/callback'),
  IOC_OIDC_ROLE_CLAIM: envText(),
  IOC_OIDC_GROUP_MAP: envText(),
  IOC_OIDC_LABEL: envText(),
  IOC_OIDC_SCOPE: envText(),
  IOC_BENCH_ALLOW_ALL: envBool(false),
});

export interface AccessConfig {
  metricsToken: string | null;
  /** Always mark the cookie Secure (otherwise only when the request came over https). */
  cookieSecure: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  deviceIdleMs: number;
  failuresPerMinute: number;
  loginLockFailures: number;
  loginLockMinutes: number;
  keyOverlapMs: number;
  /** Addresses and CIDR ranges of the proxies allowed to set X-Forwarded-For (none by default). */
  trustedProxies: string[];
  /** Origins allowed by CORS and on the WebSocket besides the page's own (none by default). */
  corsOrigins: string[];
  maxConnections: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  behindTlsProxy: boolean;
  /** Extra connect-src sources of the CSP (a basemap hosted elsewhere). */
  cspConnectSrc: string[];
  oidc: OidcConfig | null;
  /** Benchmark only (with IOC_BENCH_ROUTES): every route admits everyone, the ceiling of the authorization overhead. */
  benchAllowAll: boolean;
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A proxy entry: an address or a CIDR range. */
function proxyProblem(entry: string): string | null {
  const [addr, bits, extra] = entry.split('/');
  const family = isIP(addr ?? '');
  if (!family || extra !== undefined) return entry;
  if (bits === undefined) return null;
  const n = Number(bits);
  if (!/^\d+$/.test(bits) || n > (family === 4 ? 32 : 128)) return entry;
  try {
    new BlockList().addSubnet(addr!, n, family === 4 ? 'ipv4' : 'ipv6');
    return null;
  } catch {
    return entry;
  }
}

function originProblem(o: string): string | null {
  try {
    const u = new URL(o);
    return u.origin === o && (u.protocol === 'http:' || u.protocol === 'https:') ? null : o;
  } catch {
    return o;
  }
}

/** The access part of the configuration; every bad variable becomes one problem of a ConfigError. */
export function accessConfig(v: Record<string, unknown>, known: { unit(c: string): boolean; agency(c: string): boolean }): AccessConfig {
  const s = (k: string) => (v[k] as string | undefined) || undefined;
  const n = (k: string) => v[k] as number;
  const problems: string[] = [];
  const trustedProxies = list(s('IOC_TRUSTED_PROXIES'));
  const badProxies = trustedProxies.map(proxyProblem).filter((p): p is string => p !== null);
  if (badProxies.length > 0) problems.push(`IOC_TRUSTED_PROXIES=${badProxies.join(',')}: expected addresses or CIDR ranges (10.0.0.0/8), comma separated`);
  const corsOrigins = list(s('IOC_CORS_ORIGINS'));
  const badOrigins = corsOrigins.map(originProblem).filter((p): p is string => p !== null);
  if (badOrigins.length > 0) problems.push(`IOC_CORS_ORIGINS=${badOrigins.join(',')}: expected origins such as https://ioc.cantho.gov.vn, comma separated`);

  let oidc: OidcConfig | null = null;
  const issuer = s('IOC_OIDC_ISSUER');
  if (issuer) {
    const clientId = s('IOC_OIDC_CLIENT_ID');
    const redirectUri = s('IOC_OIDC_REDIRECT_URI');
    if (!clientId) problems.push('IOC_OIDC_ISSUER is set: IOC_OIDC_CLIENT_ID is required');
    if (!redirectUri) problems.push('IOC_OIDC_ISSUER is set: IOC_OIDC_REDIRECT_URI is required (…/api/v1/auth/oidc/callback)');
    const groups = parseGroupMap(s('IOC_OIDC_GROUP_MAP') ?? '{}', (c) => known.unit(c) || known.agency(c));
    if (!groups.ok) problems.push(...groups.problems.map((p) => `IOC_OIDC_GROUP_MAP: ${p}`));
    else if (groups.map.size === 0) problems.push('IOC_OIDC_ISSUER is set: IOC_OIDC_GROUP_MAP must map at least one group to a role');
    if (clientId && redirectUri && groups.ok)
      oidc = {
        issuer,
        clientId,
        clientSecret: s('IOC_OIDC_CLIENT_SECRET') ?? null,
        redirectUri,
        roleClaim: s('IOC_OIDC_ROLE_CLAIM') ?? 'groups',
        groups: groups.map,
        label: s('IOC_OIDC_LABEL') ?? 'Đăng nhập một lần (SSO)',
        scope: s('IOC_OIDC_SCOPE') ?? 'openid profile email',
      };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    metricsToken: s('IOC_METRICS_TOKEN') ?? null,
    cookieSecure: isTrue(v.IOC_COOKIE_SECURE as string),
    sessionIdleMs: n('IOC_SESSION_IDLE_MINUTES') * 60_000,
    sessionMaxMs: n('IOC_SESSION_MAX_HOURS') * 3600_000,
    deviceIdleMs: n('IOC_DEVICE_IDLE_DAYS') * 86_400_000,
    failuresPerMinute: n('IOC_AUTH_FAILURES_PER_MINUTE'),
    loginLockFailures: n('IOC_LOGIN_LOCK_FAILURES'),
    loginLockMinutes: n('IOC_LOGIN_LOCK_MINUTES'),
    keyOverlapMs: n('IOC_KEY_OVERLAP_HOURS') * 3600_000,
    trustedProxies,
    corsOrigins,
    maxConnections: n('IOC_MAX_CONNECTIONS'),
    requestTimeoutMs: n('IOC_REQUEST_TIMEOUT_MS'),
    headersTimeoutMs: n('IOC_HEADERS_TIMEOUT_MS'),
    keepAliveTimeoutMs: n('IOC_KEEP_ALIVE_TIMEOUT_MS'),
    behindTlsProxy: isTrue(v.IOC_BEHIND_TLS_PROXY as string),
    cspConnectSrc: (s('IOC_CSP_CONNECT_SRC') ?? '').split(/\s+/).filter(Boolean),
    oidc,
    benchAllowAll: isTrue(v.IOC_BENCH_ALLOW_ALL as string),
  };
}
