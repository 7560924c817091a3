import { randomUUID } from 'node:crypto';
import type { AccessScope, Device, DeviceCreate, DeviceCreated } from '@cityioc/contracts';
import { httpError } from '../plugins/errors.ts';
import type { StoredDevice } from '../store/access-store.ts';
import { checkScope, type SignInDeps } from './accounts.service.ts';
import type { Principal } from './principal.ts';
import { newToken, tokenHash } from './secrets.ts';

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
  constructor(private readonly deps: SignInDeps) {}

  async list(): Promise<Device[]> {
    return (await this.deps.store.devices()).map(view);
  }

  async create(input: DeviceCreate, by: Principal | string, ip: string | null): Promise<DeviceCreated> {
    checkScope(input.scopes, 'leader', this.deps.known);
    return this.add(input.name.trim(), input.scopes, by, ip);
  }

  private async add(name: string, scopes: AccessScope, by: Principal | string, ip: string | null): Promise<DeviceCreated> {
    const token = newToken();
    const d: StoredDevice = { id: randomUUID(), name, scopes, tokenHash: tokenHash(token), createdAt: this.deps.clock(), revokedAt: null, lastSeenAt: null };
    await this.deps.store.createDevice(d);
    await this.deps.audit.record({ actor: by, action: 'device.create', target: d.id, ip, details: { name, scopes } });
    return { device: view(d), link: kioskPath(token) };
  }

  /** A device for the demo's kiosk link, with a token known in advance (kept in the data folder). */
  async ensureWithToken(name: string, scopes: AccessScope, token: string): Promise<void> {
    if (await this.deps.store.deviceByTokenHash(tokenHash(token))) return;
    await this.deps.store.createDevice({
      id: randomUUID(),
      name,
      scopes,
      tokenHash: tokenHash(token),
      createdAt: this.deps.clock(),
      revokedAt: null,
      lastSeenAt: null,
    });
  }

  async revoke(id: string, by: Principal, ip: string): Promise<void> {
    if (!(await this.deps.store.revokeDevice(id, this.deps.clock()))) throw httpError(404, 'not_found', `device ${id} does not exist or is already revoked`);
    await this.deps.sessions.endAllOf('device', id);
    await this.deps.audit.record({ actor: by, action: 'device.revoke', target: id, ip });
  }

  /**
   * Opening a kiosk link: a device session, or null for an unknown or revoked link (counted as a
   * failed authentication; a flood of guesses is refused before any lookup).
   */
  async signIn(token: string, ip: string): Promise<{ ok: true; token: string; principal: Principal } | { ok: false; retryAfterSec: number | null }> {
    const key = `kiosk:${tokenHash(token).slice(0, 32)}`;
    const blocked = await this.deps.limiter.blocked(ip, key);
    if (blocked) return { ok: false, retryAfterSec: blocked.retryAfterSec };
    const d = await this.deps.store.deviceByTokenHash(tokenHash(token));
    if (!d || d.revokedAt !== null) {
      await this.deps.limiter.failed(ip, key);
      await this.deps.audit.record({ actor: 'anonymous', action: 'auth.kiosk_failed', ip, target: d ? d.id : null });
      return { ok: false, retryAfterSec: null };
    }
    const s = await this.deps.sessions.open({ kind: 'device', device: d }, ip);
    await this.deps.store.touchDevice(d.id, this.deps.clock());
    await this.deps.audit.record({ actor: s.principal, action: 'auth.kiosk', target: d.id, ip });
    return { ok: true, ...s };
  }
}
