import * as client from 'openid-client';
import { mapClaims, type GroupMap } from '@cityioc/domain';
import { httpError } from '../plugins/errors.ts';
import type { AccountsService } from './accounts.service.ts';
import type { SessionService } from './sessions.ts';

/** IOC_OIDC_*: the city's identity provider (Keycloak or similar). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  /** The claim holding groups or roles (IOC_OIDC_ROLE_CLAIM, default 'groups'; dotted for nested ones: realm_access.roles). */
  roleClaim: string;
  /** group → role and scope (IOC_OIDC_GROUP_MAP) */
  groups: GroupMap;
  /** The sign-in page's button (IOC_OIDC_LABEL). */
  label: string;
  scope: string;
}

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** A same-origin path to go back to after signing in; anything else (another origin, '//host', '/\\host') is '/'. */
export function safeReturnTo(v: unknown): string {
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\') || v.length > 2000) return '/';
  try {
    const u = new URL(v, 'http://ioc.invalid');
    return u.origin === 'http://ioc.invalid' ? `${u.pathname}${u.search}${u.hash}` : '/';
  } catch {
    return '/';
  }
}

const isTransaction = (x: unknown): x is Transaction =>
  typeof x === 'object' && x !== null && ['state', 'nonce', 'verifier', 'returnTo'].every((k) => typeof (x as Record<string, unknown>)[k] === 'string');

/**
 * Sign-in through OpenID Connect (openid-client 6): authorization code with PKCE, state and nonce,
 * the sign-in kept in the store between the two legs (so any node may take the callback). The
 * provider's groups (or roles) map to a role and a scope; a person in no mapped group is refused.
 * An issuer on plain http is accepted only on a loopback address (a provider on the same machine).
 */
export class OidcService {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    readonly config: OidcConfig,
    private readonly sessions: SessionService,
    private readonly accounts: AccountsService,
    private readonly city: string,
  ) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      const options = issuer.protocol === 'http:' && loopback ? { execute: [client.allowInsecureRequests] } : undefined;
      this.discovered = client.discovery(issuer, this.config.clientId, this.config.clientSecret ?? undefined, undefined, options);
      // a provider that was down is asked again next time
      this.discovered.catch(() => (this.discovered = null));
    }
    return this.discovered;
  }

  private async reachable(): Promise<client.Configuration> {
    try {
      return await this.configuration();
    } catch (e) {
      throw httpError(502, 'oidc_unavailable', `the identity provider cannot be reached: ${(e as Error).message}`);
    }
  }

  /** The provider's authorization URL and the cookie token that keeps this sign-in. */
  async begin(returnTo: string, ip: string | null): Promise<{ url: string; token: string }> {
    const config = await this.reachable();
    const verifier = client.randomPKCECodeVerifier();
    const tx: Transaction = { state: client.randomState(), nonce: client.randomNonce(), verifier, returnTo: safeReturnTo(returnTo) };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUri,
      scope: this.config.scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    });
    return { url: url.href, token: await this.sessions.beginOidc(tx, ip) };
  }

  /** The callback: checks state, nonce and PKCE, maps the claims, opens the session. */
  async complete(search: string, cookieToken: string | undefined, ip: string) {
    if (!cookieToken) throw httpError(400, 'oidc_no_transaction', 'no sign-in is in progress in this browser (start again from the sign-in page)');
    const tx = await this.sessions.takeOidc(cookieToken);
    if (!isTransaction(tx)) throw httpError(400, 'oidc_no_transaction', 'this sign-in is unknown or took too long (start again from the sign-in page)');
    const config = await this.reachable();
    const current = new URL(this.config.redirectUri);
    current.search = search;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: tx.verifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      if (e instanceof client.AuthorizationResponseError) throw httpError(401, 'oidc_denied', `the identity provider refused: ${e.error}`);
      if (e instanceof TypeError) throw httpError(502, 'oidc_unavailable', `the identity provider cannot be reached: ${e.message}`);
      throw httpError(400, 'oidc_invalid_response', `the sign-in response was refused: ${(e as Error).message}`);
    }
    const idClaims: Record<string, unknown> = tokens.claims() ?? {};
    let claims: Record<string, unknown> = { ...idClaims };
    if (typeof idClaims.sub === 'string') {
      try {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
      } catch {
        // the ID token's claims are enough when the provider has no userinfo
      }
    }
    const mapped = mapClaims(claims, this.config.roleClaim, this.config.groups, this.city);
    const who = String(claims.preferred_username ?? claims.email ?? claims.sub ?? 'unknown');
    if (!mapped) throw httpError(403, 'no_role', `${who} is in no group that has a role in the IOC (IOC_OIDC_GROUP_MAP)`);
    const username = who
      .toLowerCase()
      .replace(/[^a-z0-9._@-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 64)
      .padEnd(3, '0');
    const name = String(claims.name ?? who);
    const user = await this.accounts.upsertOidcUser(`${this.config.issuer} ${String(claims.sub)}`, username, name, mapped.role, mapped.scopes);
    if (user.disabled) throw httpError(403, 'account_disabled', `the IOC account of ${who} is disabled`);
    const session = await this.sessions.open({ kind: 'user', user }, ip);
    return { ...session, returnTo: tx.returnTo };
  }
}
