import { describe, expect, it } from 'vitest';
import type { FeedSource } from '@cityioc/contracts';
import { grantForm, grantOf, keyState, NEW_GRANT, newSourceBody, oldKeyValidUntil, sourcePatch } from './feeds.model.ts';

const H = 3_600_000;
const NOW = 1_780_000_000_000;
const SOURCE: FeedSource = {
  id: 'sokhcn-air',
  name: 'Sở KH&CN — quan trắc không khí',
  grant: { endpoints: ['observations'], stations: ['aq-ninh-kieu', 'aq-tra-noc'], units: null, agencies: null },
  fromEnvironment: false,
  createdAt: NOW - 100 * H,
  updatedAt: NOW - 100 * H,
  keys: [
    { id: 'k1', prefix: 'ioc_k1ab', createdAt: NOW - 100 * H, expiresAt: NOW + 24 * H, revokedAt: null },
    { id: 'k0', prefix: 'ioc_k0zz', createdAt: NOW - 200 * H, expiresAt: NOW - H, revokedAt: null },
    { id: 'k2', prefix: 'ioc_k2cd', createdAt: NOW, expiresAt: null, revokedAt: null },
  ],
};

describe('the grant editor', () => {
  it('round-trips a grant through the form', () => {
    expect(grantOf(grantForm(SOURCE.grant))).toEqual({ grant: SOURCE.grant, errors: {} });
    expect(grantOf({ ...NEW_GRANT, all: true })).toEqual({ grant: { endpoints: ['*'], stations: null, units: null, agencies: null }, errors: {} });
  });

  it('needs an endpoint, and codes when a list is limited', () => {
    const { grant, errors } = grantOf({ ...NEW_GRANT, endpoints: [], units: { any: false, codes: [] }, agencies: { any: false, codes: ['bad code'] } });
    expect(grant).toBeNull();
    expect(errors).toEqual({
      endpoints: { key: 'access.validation.endpoints' },
      units: { key: 'access.validation.codes', params: { field: 'units' } },
      agencies: { key: 'access.validation.codes', params: { field: 'agencies' } },
    });
  });

  it('checks a new source id against the server pattern', () => {
    expect(newSourceBody('Sở KHCN', 'x', NEW_GRANT).errors).toHaveProperty('id');
    expect(newSourceBody('sokhcn-water', 'Trạm nước', NEW_GRANT).body).toEqual({
      id: 'sokhcn-water',
      name: 'Trạm nước',
      grant: { endpoints: ['observations'], stations: null, units: null, agencies: null },
    });
  });

  it('patches only what changed', () => {
    expect(sourcePatch(SOURCE, SOURCE.name, grantForm(SOURCE.grant)).patch).toBeNull();
    const form = grantForm(SOURCE.grant);
    expect(sourcePatch(SOURCE, SOURCE.name, { ...form, units: { any: false, codes: ['916'] } }).patch).toEqual({ grant: { ...SOURCE.grant, units: ['916'] } });
  });
});

describe('keys', () => {
  it('tells valid, replaced-but-valid, expired and revoked keys apart', () => {
    expect(SOURCE.keys.map((k) => keyState(k, NOW))).toEqual(['expiring', 'expired', 'valid']);
    expect(keyState({ ...SOURCE.keys[2]!, revokedAt: NOW }, NOW)).toBe('revoked');
  });

  it('says until when the old key works after a rotation', () => {
    expect(oldKeyValidUntil(SOURCE, 'k2', NOW)).toBe(NOW + 24 * H);
    expect(oldKeyValidUntil(SOURCE, 'k2', NOW + 25 * H)).toBeNull();
    expect(oldKeyValidUntil(undefined, 'k2', NOW)).toBeNull();
  });
});
