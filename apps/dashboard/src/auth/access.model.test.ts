import { describe, expect, it } from 'vitest';
import {
  areaInScope,
  canActOnAlerts,
  canExport,
  canOpen,
  cityWide,
  homeScope,
  oidcHref,
  pageOfPath,
  safeReturnTo,
  scopedAgencies,
  scopedAreas,
  scopeAreaName,
  scopeNames,
  signInHref,
  visiblePages,
} from './access.model.ts';
import { decodeAuthConfig, decodeMe, type Role, type SessionUser } from './session.ts';

const person = (role: Role, units: string[] = ['92'], agencies: string[] = []): SessionUser => ({
  id: role,
  name: role,
  role,
  scopes: { units, agencies },
  kind: 'user',
});
const wall: SessionUser = { id: 'd1', name: 'Màn hình Ninh Kiều', role: 'leader', scopes: { units: ['916'], agencies: [] }, kind: 'device' };

const AREAS = [
  { code: '92', parent: null },
  { code: '916', parent: '92' },
  { code: '917', parent: '92' },
  { code: '31117', parent: '916' },
];
const AGENCIES = [{ code: '000.00.05.H13' }, { code: '000.00.21.H13' }, { code: '000.00.22.H13' }];

describe('pages by role', () => {
  it('shows each role the pages it may open, in navigation order', () => {
    expect(visiblePages(person('leader'))).toEqual(['wall', 'operator', 'alerts', 'explorer', 'analyst', 'reporting', 'score766', 'directives', 'briefing']);
    expect(visiblePages(person('operator', ['916']))).toEqual(['wall', 'operator', 'alerts', 'explorer', 'analyst', 'reporting', 'score766']);
    expect(visiblePages(person('analyst'))).toEqual(['wall', 'explorer', 'analyst', 'reporting', 'score766']);
    expect(visiblePages(person('admin'))).toEqual(['wall', 'operator', 'alerts', 'explorer', 'analyst', 'reporting', 'score766', 'briefing', 'admin']);
    expect(visiblePages(wall)).toEqual(['wall']);
    // a server without accounts: every page as before, but no administration
    expect(visiblePages(null)).toEqual(['wall', 'operator', 'alerts', 'explorer', 'analyst', 'reporting', 'score766', 'directives', 'briefing']);
  });

  it('opens the sign-in page for anyone, the admin area for administrators only', () => {
    expect(canOpen(person('analyst'), 'login')).toBe(true);
    expect(canOpen(person('analyst'), 'alerts')).toBe(false);
    expect(canOpen(person('operator'), 'admin')).toBe(false);
    expect(canOpen(wall, 'operator')).toBe(false);
  });

  it('offers alert actions to operators and administrators, files to everyone but leaders and walls', () => {
    expect([person('operator'), person('admin'), person('leader'), person('analyst'), wall].map(canActOnAlerts)).toEqual([true, true, false, false, false]);
    expect([person('operator'), person('admin'), person('leader'), person('analyst'), wall].map(canExport)).toEqual([true, true, false, true, false]);
  });

  it('classifies paths as the route tree does (unknown paths are the wall)', () => {
    expect(
      [
        '/',
        '/login',
        '/login/',
        '/admin',
        '/admin/users',
        '/operator',
        '/operator/alerts',
        '/operator/directives/',
        '/operator/briefing',
        '/analyst',
        '/analyst/dossiers/',
        '/analyst/reporting',
        '/analyst/score766/',
        '/gallery',
        '/x',
      ].map(pageOfPath),
    ).toEqual([
      'wall',
      'login',
      'login',
      'admin',
      'admin',
      'operator',
      'alerts',
      'directives',
      'briefing',
      'explorer',
      'analyst',
      'reporting',
      'score766',
      'wall',
      'wall',
    ]);
  });
});

describe('returning after sign-in', () => {
  it('keeps a path of this dashboard and refuses anything that would leave it', () => {
    expect(safeReturnTo('/operator/alerts?show=open')).toBe('/operator/alerts?show=open');
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/login?returnTo=/x',
      '/api/v1/auth/logout',
      '/a\nb',
      42,
      undefined,
    ]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });

  it('builds the sign-in and identity-provider links', () => {
    expect(signInHref('/operator?area=916')).toBe('/login?returnTo=%2Foperator%3Farea%3D916');
    expect(signInHref('/', 'en')).toBe('/login?lang=en');
    expect(signInHref('//evil.example')).toBe('/login');
    expect(oidcHref('/analyst/dossiers')).toBe('/api/v1/auth/oidc/login?returnTo=%2Fanalyst%2Fdossiers');
  });
});

describe('scopes', () => {
  it('sees the whole city with the city code, as an administrator, or on a server without accounts', () => {
    expect([person('leader'), person('admin', []), null, person('operator', ['916']), person('analyst', [])].map(cityWide)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('covers a unit and every area below it, never those beside or above', () => {
    const op = person('operator', ['916']);
    const parent = (c: string) => AREAS.find((a) => a.code === c)?.parent;
    expect(['916', '31117', '917', '92'].map((c) => areaInScope(op, c, parent))).toEqual([true, true, false, false]);
    expect(scopedAreas(op, AREAS).map((a) => a.code)).toEqual(['916', '31117']);
    expect(scopedAreas(person('leader'), AREAS)).toHaveLength(4);
    // an empty scope sees nothing
    expect(scopedAreas(person('operator', []), AREAS)).toEqual([]);
  });

  it('offers the agencies the scope names, every agency city-wide', () => {
    expect(scopedAgencies(person('operator', ['916'], ['000.00.21.H13']), AGENCIES).map((a) => a.code)).toEqual(['000.00.21.H13']);
    expect(scopedAgencies(person('operator', ['916']), AGENCIES)).toEqual([]);
    expect(scopedAgencies(person('analyst'), AGENCIES)).toHaveLength(3);
  });

  it("puts a scoped session's first unit on the wall, else the city", () => {
    expect(homeScope(wall)).toBe('916');
    expect(homeScope(person('operator', ['31117', '916']))).toBe('31117');
    expect(homeScope(person('operator', [], ['000.00.05.H13']))).toBe('92');
    expect(homeScope(person('leader'))).toBe('92');
    expect(homeScope(null)).toBe('92');
  });

  it('names a scope by its units then agencies, at most two, then +N', () => {
    const names = {
      area: (c: string) => ({ '916': 'Quận Ninh Kiều', '917': 'Quận Ô Môn' })[c] ?? c,
      agency: (c: string) => (c === '000.00.05.H13' ? 'Sở Y tế' : c),
    };
    expect(scopeNames({ units: ['916'], agencies: ['000.00.05.H13'] }, names)).toEqual({ names: ['Quận Ninh Kiều', 'Sở Y tế'], more: 0 });
    expect(scopeNames({ units: ['916', '917', '918'], agencies: ['x'] }, names)).toEqual({ names: ['Quận Ninh Kiều', 'Quận Ô Môn'], more: 2 });
  });

  it('names an old district of a scope by its name marked former, never by its bare code', () => {
    const former = (name: string) => `${name} (cũ)`;
    expect(scopeAreaName('31135', 'Ninh Kiều', undefined, former)).toBe('Ninh Kiều');
    expect(scopeAreaName('916', undefined, { name: 'Quận Ninh Kiều', validTo: '2025-07-01' }, former)).toBe('Quận Ninh Kiều (cũ)');
    // a department of the reporting catalogue has no end: its name as is
    expect(scopeAreaName('SYT', undefined, { name: 'Sở Y tế' }, former)).toBe('Sở Y tế');
    expect(scopeAreaName('99999', undefined, undefined, former)).toBe('99999');
  });
});

describe('decoding the server', () => {
  it('reads a session and drops a malformed one', () => {
    const body = { user: { id: 'u1', name: 'Nguyễn Thị Dung', role: 'operator', scopes: { units: ['916'], agencies: [] }, kind: 'user' }, csrfToken: 'c' };
    expect(decodeMe(body)).toEqual({ user: body.user, csrfToken: 'c' });
    expect(decodeMe({ user: { ...body.user, role: 'superuser' } })).toBeNull();
    expect(decodeMe({ user: { ...body.user, scopes: { units: ['916', 7] } } })?.user.scopes).toEqual({ units: ['916'], agencies: [] });
    expect(decodeMe('nope')).toBeNull();
  });

  it('reads the sign-in options, OIDC only when enabled', () => {
    expect(decodeAuthConfig({ local: true, oidc: { enabled: true, label: 'Keycloak' }, demo: false })).toEqual({
      local: true,
      oidc: { enabled: true, label: 'Keycloak' },
      demo: false,
    });
    expect(decodeAuthConfig({ local: true, oidc: { enabled: false, label: 'x' }, demo: true })).toEqual({ local: true, oidc: null, demo: true });
  });
});
