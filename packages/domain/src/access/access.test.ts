import { describe, expect, it } from 'vitest';
import { CAN_THO_CATALOGUE } from '../geo/can-tho.ts';
import { indexCatalogue } from '../catalogue/catalogue-index.ts';
import { FULL_GRANT, grantError, grantsEndpoint } from './grant.ts';
import { claimValues, mapClaims, parseGroupMap } from './oidc-claims.ts';
import { roleAllows } from './roles.ts';
import { scopeAreas, scopeFilter } from './scope.ts';
import { sessionVerdict, shouldTouch } from './session-expiry.ts';

const index = indexCatalogue(CAN_THO_CATALOGUE);
const tree = { city: '92', ancestorsAndSelf: index.ancestorsAndSelf };

describe('roles', () => {
  it('reads for every role, exports for operators, analysts and admins, actions for operators and admins, admin for admins', () => {
    const table = (['leader', 'operator', 'analyst', 'admin'] as const).map((r) => [
      r,
      roleAllows(r, 'read'),
      roleAllows(r, 'export'),
      roleAllows(r, 'operator'),
      roleAllows(r, 'admin'),
    ]);
    expect(table).toEqual([
      ['leader', true, false, false, false],
      ['operator', true, true, true, false],
      ['analyst', true, true, false, false],
      ['admin', true, true, true, true],
    ]);
  });
});

describe('scopeFilter', () => {
  it('a commune covers itself and nothing above or beside it; the city covers everything', () => {
    const ninhKieu = scopeFilter({ units: ['31135'], agencies: [] }, tree);
    expect([ninhKieu.all, ninhKieu.area('31135'), ninhKieu.area('31153'), ninhKieu.area('92'), ninhKieu.area('nowhere')]).toEqual([
      false,
      true,
      false,
      false,
      false,
    ]);
    const city = scopeFilter({ units: ['92'], agencies: [] }, tree);
    expect([city.all, city.area('31153'), city.unit('SNV'), city.dossier('31174', 'x'), city.agency('x')]).toEqual([true, true, true, true, true]);
  });

  it('a dossier is in scope by its area or by its agency; a department code covers its reports', () => {
    const f = scopeFilter({ units: ['31135', 'SNV'], agencies: ['000.00.05.H13'] }, tree);
    expect(f.dossier('31135', '000.135.00.H13')).toBe(true);
    expect(f.dossier('92', '000.00.05.H13')).toBe(true);
    expect(f.dossier('92', '000.00.01.H13')).toBe(false);
    expect([f.unit('SNV'), f.unit('STP'), f.unit('31135'), f.unit('31153')]).toEqual([true, false, true, false]);
    expect([f.agency('000.00.05.H13'), f.agency('000.00.01.H13')]).toEqual([true, false]);
  });

  it('scopeAreas: the area units of a scope, null for the city', () => {
    expect(scopeAreas({ units: ['31135', 'SNV'], agencies: [] }, tree)).toEqual(['31135']);
    expect(scopeAreas({ units: ['92'], agencies: [] }, tree)).toBeNull();
  });
});

describe('feed grants', () => {
  const grant = { endpoints: ['observations' as const], stations: null, units: ['31135'], agencies: null };
  it('admits items in its units (and below), names the field of one outside', () => {
    expect(grantsEndpoint(grant, 'observations')).toBe(true);
    expect(grantsEndpoint(grant, 'dossiers')).toBe(false);
    expect(grantsEndpoint(FULL_GRANT, 'dossiers')).toBe(true);
    expect(grantError(grant, { station: 'wl-can-tho', unit: '31135' }, index.ancestorsAndSelf)).toBeNull();
    expect(grantError(grant, { station: 'x', unit: '31153' }, index.ancestorsAndSelf)).toEqual({
      field: '/unit',
      reason: 'outside_grant',
      message: "this key may not write unit '31153'",
    });
  });
  it('stations and agencies limit their own part', () => {
    const g = { endpoints: ['*' as const], stations: ['wl-can-tho'], units: null, agencies: null };
    expect(grantError(g, { station: 'wl-cai-rang', unit: '31135' }, index.ancestorsAndSelf)?.field).toBe('/station');
    expect(grantError(g, { station: null, unit: '31135' }, index.ancestorsAndSelf)?.message).toBe('this key may write only its stations');
    const a = { endpoints: ['dossiers' as const], stations: null, units: null, agencies: ['000.00.05.H13'] };
    expect(grantError(a, { unit: '92', agency: '000.00.05.H13' }, index.ancestorsAndSelf)).toBeNull();
    expect(grantError(a, { unit: '92', agency: '000.00.01.H13' }, index.ancestorsAndSelf)?.field).toBe('/agency');
  });
});

describe('identity-provider claims', () => {
  const known = (c: string) => ['92', '31135', '31153', '000.00.05.H13'].includes(c);
  const parsed = parseGroupMap(
    JSON.stringify({
      'ioc-ninh-kieu': { role: 'operator', units: ['31135'] },
      'ioc-binh-thuy': { role: 'leader', units: ['31153'], agencies: ['000.00.05.H13'] },
      'ioc-admins': { role: 'admin', units: [] },
    }),
    known,
  );
  it('parses the group map and names each bad group', () => {
    expect(parsed.ok).toBe(true);
    expect(parseGroupMap('{"a": {"role": "boss"}, "b": {"role": "operator", "units": ["999"]}, "c": {"role": "leader"}}', known)).toEqual({
      ok: false,
      problems: ['a: role must be leader, operator, analyst or admin', 'b: unknown codes 999', 'c: a leader needs units or agencies'],
    });
    expect(parseGroupMap('[1]', known)).toEqual({ ok: false, problems: ['expected a JSON object {group: {role, units, agencies}}'] });
  });
  it('the highest role of the groups, the union of their scopes; nobody without a mapped group', () => {
    if (!parsed.ok) throw new Error('map');
    expect(mapClaims({ groups: ['ioc-ninh-kieu', 'ioc-binh-thuy', 'other'] }, 'groups', parsed.map, '92')).toEqual({
      role: 'operator',
      scopes: { units: ['31135', '31153'], agencies: ['000.00.05.H13'] },
    });
    expect(mapClaims({ groups: ['ioc-admins'] }, 'groups', parsed.map, '92')).toEqual({ role: 'admin', scopes: { units: ['92'], agencies: [] } });
    expect(mapClaims({ groups: ['other'] }, 'groups', parsed.map, '92')).toBeNull();
    expect(mapClaims({}, 'groups', parsed.map, '92')).toBeNull();
  });
  it('reads nested, array and space-separated claims', () => {
    expect(claimValues({ realm_access: { roles: ['a', 'b', 3] } }, 'realm_access.roles')).toEqual(['a', 'b']);
    expect(claimValues({ roles: 'a b,c' }, 'roles')).toEqual(['a', 'b', 'c']);
    expect(claimValues({ roles: 5 }, 'roles')).toEqual([]);
  });
});

describe('session expiry', () => {
  const s = { createdAt: 0, lastSeenAt: 1000, expiresAt: 10_000 };
  it('idle after idleMs without a request, expired at the absolute end, devices without one', () => {
    expect(sessionVerdict(s, 5000, 5000)).toBe('valid');
    expect(sessionVerdict(s, 6000, 5000)).toBe('idle');
    expect(sessionVerdict(s, 10_000, 60_000)).toBe('expired');
    expect(sessionVerdict({ ...s, expiresAt: null }, 1e12, 2e12)).toBe('valid');
    expect([shouldTouch(s, 60_999, 60_000), shouldTouch(s, 61_000, 60_000)]).toEqual([false, true]);
  });
});
