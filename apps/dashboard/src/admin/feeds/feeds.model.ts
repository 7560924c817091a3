import type { ErrorText } from '../../auth/error-text.ts';
import type { FeedEndpoint, FeedGrant, FeedKeyInfo, FeedSource, FeedSourceCreate } from '@cityioc/contracts';
import { SCOPE_CODE_RE, SOURCE_ID_RE } from '../admin-rules.ts';
import type { FieldErrors } from '../users/users.model.ts';

/**
 * The grant editor of a feed source: which endpoints its keys may write, and within them which
 * stations, units and agencies ("any", or only those chosen). Pure.
 */
export interface ListChoice {
  any: boolean;
  codes: string[];
}

export interface GrantForm {
  /** Every feed endpoint ('*'), as the environment's keys have. */
  all: boolean;
  endpoints: FeedEndpoint[];
  stations: ListChoice;
  units: ListChoice;
  agencies: ListChoice;
}

export type GrantField = 'endpoints' | 'stations' | 'units' | 'agencies';
export type SourceField = 'id' | 'name' | GrantField;

const choice = (codes: string[] | null): ListChoice => ({ any: codes === null, codes: codes ? [...codes] : [] });

export function grantForm(g: FeedGrant): GrantForm {
  return {
    all: g.endpoints.includes('*'),
    endpoints: g.endpoints.filter((e): e is FeedEndpoint => e !== '*'),
    stations: choice(g.stations),
    units: choice(g.units),
    agencies: choice(g.agencies),
  };
}

export const NEW_GRANT: GrantForm = grantForm({ endpoints: ['observations'], stations: null, units: null, agencies: null });

const listOf = (c: ListChoice, field: GrantField, errors: FieldErrors<GrantField>): string[] | null => {
  if (c.any) return null;
  if (c.codes.length === 0 || c.codes.length > 500 || !c.codes.every((x) => SCOPE_CODE_RE.test(x) && x.length <= 64))
    errors[field] = { key: 'access.validation.codes', params: { field } };
  return c.codes;
};

/** The grant the form stands for, or the fields to correct. */
export function grantOf(f: GrantForm): { grant: FeedGrant | null; errors: FieldErrors<GrantField> } {
  const errors: FieldErrors<GrantField> = {};
  const endpoints: FeedGrant['endpoints'] = f.all ? ['*'] : [...f.endpoints];
  if (endpoints.length === 0) errors.endpoints = { key: 'access.validation.endpoints' } satisfies ErrorText;
  const grant: FeedGrant = {
    endpoints,
    stations: listOf(f.stations, 'stations', errors),
    units: listOf(f.units, 'units', errors),
    agencies: listOf(f.agencies, 'agencies', errors),
  };
  return Object.keys(errors).length > 0 ? { grant: null, errors } : { grant, errors };
}

/** POST /api/v1/admin/feed-sources, or the fields to correct. */
export function newSourceBody(id: string, name: string, form: GrantForm): { body: FeedSourceCreate | null; errors: FieldErrors<SourceField> } {
  const { grant, errors } = grantOf(form);
  const all: FieldErrors<SourceField> = { ...errors };
  const sid = id.trim();
  if (!SOURCE_ID_RE.test(sid)) all.id = { key: 'access.validation.sourceId' };
  if (name.trim() === '' || name.trim().length > 200) all.name = { key: 'access.validation.sourceName' };
  return Object.keys(all).length > 0 || !grant ? { body: null, errors: all } : { body: { id: sid, name: name.trim(), grant }, errors: all };
}

const sameList = (a: readonly string[] | null, b: readonly string[] | null) =>
  a === null || b === null ? a === b : a.length === b.length && a.every((x, i) => x === b[i]);

/** PATCH /api/v1/admin/feed-sources/:id: only what changed (null when nothing did), or the fields to correct. */
export function sourcePatch(
  before: FeedSource,
  name: string,
  form: GrantForm,
): { patch: { name?: string; grant?: FeedGrant } | null; errors: FieldErrors<SourceField> } {
  const { grant, errors } = grantOf(form);
  const all: FieldErrors<SourceField> = { ...errors };
  if (name.trim() === '' || name.trim().length > 200) all.name = { key: 'access.validation.sourceName' };
  if (Object.keys(all).length > 0 || !grant) return { patch: null, errors: all };
  const patch: { name?: string; grant?: FeedGrant } = {};
  if (name.trim() !== before.name) patch.name = name.trim();
  const b = before.grant;
  const changed =
    !sameList(grant.endpoints, b.endpoints) ||
    !sameList(grant.stations, b.stations) ||
    !sameList(grant.units, b.units) ||
    !sameList(grant.agencies, b.agencies);
  if (changed) patch.grant = grant;
  return { patch: Object.keys(patch).length > 0 ? patch : null, errors: all };
}

export type KeyState = 'valid' | 'expiring' | 'expired' | 'revoked';

/** A key is revoked, past its end (replaced and the overlap over), valid until an end (replaced), or valid. */
export function keyState(k: FeedKeyInfo, now: number): KeyState {
  if (k.revokedAt !== null) return 'revoked';
  if (k.expiresAt !== null) return k.expiresAt <= now ? 'expired' : 'expiring';
  return 'valid';
}

/**
 * After a rotation: until when the source's previous key still works (the latest end among its
 * other keys still valid now), or null when no old key remains usable.
 */
export function oldKeyValidUntil(source: FeedSource | undefined, newKeyId: string, now: number): number | null {
  let until: number | null = null;
  for (const k of source?.keys ?? []) {
    if (k.id === newKeyId || keyState(k, now) !== 'expiring') continue;
    until = Math.max(until ?? 0, k.expiresAt!);
  }
  return until;
}
