import { randomUUID } from 'node:crypto';
import type { FeedKeyCreated, FeedKeyInfo, FeedSource, FeedSourceCreate, FeedSourcePatch } from '@cityioc/contracts';
import { FULL_GRANT } from '@cityioc/domain';
import { httpError, type ErrorDetail } from '../plugins/errors.ts';
import type { AccessStore, StoredFeedKey } from '../store/access-store.ts';
import type { AuditService } from './audit.service.ts';
import type { FeedKeyring } from './feed-keyring.ts';
import type { Principal } from './principal.ts';
import { newToken, tokenHash } from './secrets.ts';
import { refuseRetired, retiredDetails, type RetiredLookup } from './units-in-force.ts';

/** Which stations, units and agencies exist, to check a grant. */
export interface GrantCodes {
  station(id: string): boolean;
  unit(code: string): boolean;
  agency(code: string): boolean;
  retired?: RetiredLookup;
}

const keyInfo = (k: StoredFeedKey): FeedKeyInfo => ({ id: k.id, prefix: k.prefix, createdAt: k.createdAt, expiresAt: k.expiresAt, revokedAt: k.revokedAt });

/**
 * Feed sources and their keys (issue 11 #3): each source has a grant (endpoints, and within them
 * stations, units, agencies); its keys are shown once and kept as hashes. Rotating adds a key and
 * gives the open ones an end `overlapMs` later, so a feed switches keys without a gap; revoking
 * ends a key at once. Sources of IOC_API_KEYS are listed read-only (full grant, key not shown).
 */
export class FeedSourcesService {
  constructor(
    private readonly store: AccessStore,
    private readonly keyring: FeedKeyring,
    private readonly audit: AuditService,
    private readonly clock: () => number,
    private readonly codes: GrantCodes,
    private readonly overlapMs: number,
  ) {}

  private checkGrant(g: FeedSourceCreate['grant']): void {
    const details: ErrorDetail[] = [];
    const check = (list: string[] | null, field: string, ok: (c: string) => boolean, what: string) =>
      list?.forEach(
        (c, i) => ok(c) || details.push({ field: `/grant/${field}/${i}`, reason: `unknown_${what}`, message: `${what} '${c}' is not in the catalogue` }),
      );
    check(g.stations, 'stations', this.codes.station, 'station');
    check(g.units, 'units', this.codes.unit, 'unit');
    check(g.agencies, 'agencies', this.codes.agency, 'agency');
    if (details.length > 0) throw httpError(400, 'invalid_grant', details.map((d) => d.message).join('; '), details);
    // a grant is matched against today's units, as a scope is: an old district would admit nothing
    refuseRetired(retiredDetails(g.units, '/grant/units', this.codes.retired), 'invalid_grant');
  }

  async list(): Promise<FeedSource[]> {
    const [sources, keys] = await Promise.all([this.store.feedSources(), this.store.feedKeys()]);
    const env: FeedSource[] = this.keyring
      .envSources()
      .map((id) => ({ id, name: id, grant: FULL_GRANT, fromEnvironment: true, createdAt: 0, updatedAt: 0, keys: [] }));
    const stored = sources.map((s) => ({ ...s, fromEnvironment: false, keys: keys.filter((k) => k.sourceId === s.id).map(keyInfo) }));
    return [...env, ...stored];
  }

  private async one(id: string): Promise<FeedSource> {
    const s = (await this.list()).find((x) => x.id === id && !x.fromEnvironment);
    if (!s) throw httpError(404, 'not_found', `feed source ${id} does not exist`);
    return s;
  }

  async create(input: FeedSourceCreate, by: Principal, ip: string): Promise<FeedSource> {
    this.checkGrant(input.grant);
    if (this.keyring.envSources().includes(input.id)) throw httpError(409, 'source_taken', `'${input.id}' is a source of IOC_API_KEYS`);
    const now = this.clock();
    if (!(await this.store.createFeedSource({ id: input.id, name: input.name.trim(), grant: input.grant, createdAt: now, updatedAt: now })))
      throw httpError(409, 'source_taken', `a feed source '${input.id}' exists`);
    await this.keyring.reload();
    await this.audit.record({ actor: by, action: 'feed_source.create', target: input.id, ip, details: { grant: input.grant } });
    return this.one(input.id);
  }

  async patch(id: string, patch: FeedSourcePatch, by: Principal, ip: string): Promise<FeedSource> {
    if (patch.grant) this.checkGrant(patch.grant);
    if (this.keyring.envSources().includes(id)) throw httpError(409, 'from_environment', `'${id}' is set by IOC_API_KEYS: change it there`);
    if (!(await this.store.updateFeedSource(id, { name: patch.name?.trim(), grant: patch.grant }, this.clock())))
      throw httpError(404, 'not_found', `feed source ${id} does not exist`);
    await this.keyring.reload();
    await this.audit.record({ actor: by, action: 'feed_source.update', target: id, ip, details: { ...patch } });
    return this.one(id);
  }

  /** A new key for the source, returned once; the source's open keys stay valid for the overlap window. */
  async rotate(id: string, by: Principal, ip: string): Promise<FeedKeyCreated> {
    await this.one(id);
    const now = this.clock();
    const secret = `ioc_${newToken()}`;
    const k: StoredFeedKey = {
      id: randomUUID(),
      sourceId: id,
      keyHash: tokenHash(secret),
      prefix: secret.slice(0, 10),
      createdAt: now,
      expiresAt: null,
      revokedAt: null,
    };
    await this.store.addFeedKey(k, now + this.overlapMs);
    await this.keyring.reload();
    await this.audit.record({ actor: by, action: 'feed_source.key_create', target: `${id}/${k.id}`, ip, details: { overlapEndsAt: now + this.overlapMs } });
    return { sourceId: id, key: keyInfo(k), secret };
  }

  async revoke(id: string, keyId: string, by: Principal, ip: string): Promise<void> {
    if (!(await this.store.revokeFeedKey(id, keyId, this.clock())))
      throw httpError(404, 'not_found', `key ${keyId} of ${id} does not exist or is already revoked`);
    await this.keyring.reload();
    await this.audit.record({ actor: by, action: 'feed_source.key_revoke', target: `${id}/${keyId}`, ip });
  }
}
