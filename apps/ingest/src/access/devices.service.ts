import { randomUUID } from 'node:crypto';
import type { AccessScope, Device, DeviceCreate, DeviceCreated } from '@cityioc/contracts';
import { httpError } from '../plugins/errors.ts';
import type { AccessStore, StoredDevice } from '../store/access-store.ts';
import { checkScope, type KnownCodes } from './accounts.service.ts';
import type { AuditService } from './audit.service.ts';
import type { AuthLimiter } from './auth-limiter.ts';
import type { Principal } from './principal.ts';
import { newToken, tokenHash } from './secrets.ts';
import type { SessionService } from './sessions.ts';

const view = (d: StoredDevice): Device => ({
  id: d.id,
  name: d.name,
  scopes: d.scopes,
  createdAt: d.createdAt,
  revokedAt: d.revokedAt,
  lastSeenAt: d.lastSeenAt,
});

export const kioskPath = (token: string) => `/kiosk/${token}`;

/**
 * Wall screens sign in with a kiosk link (/kiosk/<token>): the device reads as a leader within its
 * scope, needs nobody to type a password each morning, and is revoked from the admin page (its
 * sessions end, its open sockets close). The link is shown once; the store keeps its hash.
 */
export class DevicesService {
  constructor(
    private readonly store: AccessStore,
    private readonly sessions: SessionService,
    private readonly limiter: AuthLimiter,
    private readonly audit: AuditService,
    private readonly clock: () => number,
    private readonly known: KnownCodes,
  ) {}

  async list(): Promise<Device[]> {
    return (await this.store.devices()).map(view);
  }

  async create(input: DeviceCreate, by: Principal | string, ip: string | null): Promise<DeviceCreated> {
    checkScope(input.scopes, 'leader', this.known);
    return this.add(input.name.trim(), input.scopes, by, ip);
  }

  private async add(name: string, scopes: AccessScope, by: Principal | string, ip: string | null): Promise<DeviceCreated> {
    const token = newToken();
    const d: StoredDevice = { id: randomUUID(), name, scopes, tokenHash: tokenHash(token), createdAt: this.clock(), revokedAt: null, lastSeenAt: null };
    await this.store.createDevice(d);
    await this.audit.record({ actor: by, action: 'device.create', target: d.id, ip, details: { name, scopes } });
    return { device: view(d), link: kioskPath(token) };
  }

  /** A device for the demo's kiosk link, with a token known in advance (kept in the data folder). */
  async ensureWithToken(name: string, scopes: AccessScope, token: string): Promise<void> {
    if (await this.store.deviceByTokenHash(tokenHash(token))) return;
    await this.store.createDevice({ id: randomUUID(), name, scopes, tokenHash: tokenHash(token), createdAt: this.clock(), revokedAt: null, lastSeenAt: null });
  }

  async revoke(id: string, by: Principal, ip: string): Promise<void> {
    if (!(await this.store.revokeDevice(id, this.clock()))) throw httpError(404, 'not_found', `device ${id} does not exist or is already revoked`);
    await this.sessions.endAllOf('device', id);
    await this.audit.record({ actor: by, action: 'device.revoke', target: id, ip });
  }

  /**
   * Opening a kiosk link: a device session, or null for an unknown or revoked link (counted as a
   * failed authentication; a flood of guesses is refused before any lookup).
   */
  async signIn(token: string, ip: string): Promise<{ ok: true; token: string; principal: Principal } | { ok: false; retryAfterSec: number | null }> {
    const key = `kiosk:${tokenHash(token).slice(0, 32)}`;
    const blocked = await this.limiter.blocked(ip, key);
    if (blocked) return { ok: false, retryAfterSec: blocked.retryAfterSec };
    const d = await this.store.deviceByTokenHash(tokenHash(token));
    if (!d || d.revokedAt !== null) {
      await this.limiter.failed(ip, key);
      await this.audit.record({ actor: 'anonymous', action: 'auth.kiosk_failed', ip, target: d ? d.id : null });
      return { ok: false, retryAfterSec: null };
    }
    const s = await this.sessions.open({ kind: 'device', device: d }, ip);
    await this.store.touchDevice(d.id, this.clock());
    await this.audit.record({ actor: s.principal, action: 'auth.kiosk', target: d.id, ip });
    return { ok: true, ...s };
  }
}
