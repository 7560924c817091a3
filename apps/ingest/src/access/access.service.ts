import type { CatalogueIndex, ScopeTree } from '@cityioc/domain';
import { cityScope } from '@cityioc/domain';
import type { Config } from '../env.ts';
import type { AccessStore } from '../store/access-store.ts';
import { AccountsService, type KnownCodes } from './accounts.service.ts';
import type { AuditService } from './audit.service.ts';
import { AuthLimiter } from './auth-limiter.ts';
import { DevicesService } from './devices.service.ts';
import { FeedKeyring } from './feed-keyring.ts';
import { FeedSourcesService } from './feed-sources.service.ts';
import { OidcService } from './oidc.ts';
import { ServiceTokens, toServiceToken } from './service-tokens.ts';
import { SessionService } from './sessions.ts';
import type { DemoAccess } from './demo-access.ts';

/**
 * Everything the access hook and the auth and admin routes use, built once per app and reached as
 * `app.ioc.access` (the audit log is `app.ioc.audit`).
 */
export class AccessService {
  readonly tree: ScopeTree;
  readonly limiter: AuthLimiter;
  readonly sessions: SessionService;
  readonly tokens: ServiceTokens;
  readonly keyring: FeedKeyring;
  readonly accounts: AccountsService;
  readonly devices: DevicesService;
  readonly feedSources: FeedSourcesService;
  readonly oidc: OidcService | null;
  /** The demo's accounts and kiosk token (demo mode), printed by the server at start. */
  demo: DemoAccess | null = null;

  constructor(
    config: Config,
    index: CatalogueIndex,
    store: AccessStore,
    readonly audit: AuditService,
    clock: () => number,
    known: KnownCodes,
  ) {
    const a = config.access;
    const city = index.catalogue.city.code;
    this.tree = { city, ancestorsAndSelf: index.ancestorsAndSelf };
    this.limiter = new AuthLimiter({ failuresPerMinute: a.failuresPerMinute, lockAfter: a.loginLockFailures, lockMinutes: a.loginLockMinutes });
    this.sessions = new SessionService(store, this.tree, clock, { idleMs: a.sessionIdleMs, absoluteMs: a.sessionMaxMs, deviceIdleMs: a.deviceIdleMs });
    const tokens = config.operators.map(toServiceToken);
    // IOC_VIEWER_TOKEN (before accounts): a bearer token of a leader of the whole city
    if (config.viewerToken) tokens.push({ token: config.viewerToken, name: 'viewer', unit: 'IOC_VIEWER_TOKEN', role: 'leader', scopes: cityScope(city) });
    this.tokens = new ServiceTokens(tokens, this.tree);
    this.keyring = new FeedKeyring(config.apiKeys, store);
    const signIn = { store, sessions: this.sessions, limiter: this.limiter, audit, clock, known };
    this.accounts = new AccountsService(signIn);
    this.devices = new DevicesService(signIn);
    this.feedSources = new FeedSourcesService(
      store,
      this.keyring,
      audit,
      clock,
      { station: (s) => index.station(s) !== undefined, unit: known.unit, agency: known.agency, ...(known.retired ? { retired: known.retired } : {}) },
      a.keyOverlapMs,
    );
    this.oidc = a.oidc ? new OidcService(a.oidc, this.sessions, this.accounts, city) : null;
  }
}
