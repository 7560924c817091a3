import { createMemoryHistory } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ADMIN_SECTIONS } from '../admin/sections.ts';
import { PATHS, type Screens } from './route-tree.tsx';
import { createAppRouter } from './router.tsx';

const stub = () => null;
const Frame = ({ children }: { children: ReactNode }) => children;
const screens: Screens = {
  wall: stub,
  operator: stub,
  alerts: stub,
  explorer: stub,
  analyst: stub,
  score766: stub,
  reporting: stub,
  directives: stub,
  briefing: stub,
  gallery: stub,
  login: stub,
  admin: { layout: Frame, home: stub, users: stub, feeds: stub, devices: stub, audit: stub, boundaries: stub, wall: stub },
};
const Shell = ({ children }: { children: ReactNode }) => children;

/** The page a URL opens and the parameters it gets, through the app's real route tree. */
function open(url: string) {
  const router = createAppRouter(screens, Shell, createMemoryHistory({ initialEntries: [url] }));
  const matches = router.matchRoutes(router.state.location);
  const leaf = matches.at(-1)!;
  const page = (Object.entries(PATHS).find(([, p]) => p === leaf.routeId)?.[0] ?? (leaf.routeId === '/$' ? 'wall' : leaf.routeId)) as string;
  // every URL is also classified the same way by the access gate (pageOfPath)
  return { page, search: leaf.search as Record<string, unknown>, router };
}

describe('routes', () => {
  it('opens every page at its path, with or without a trailing slash; the administration area on its home', () => {
    for (const [page, path] of Object.entries(PATHS)) {
      const expected = page === 'admin' ? '/admin/' : page;
      expect(open(path).page, path).toBe(expected);
      expect(open(path.endsWith('/') ? path : `${path}/`).page, `${path}/`).toBe(expected);
    }
  });

  it('keeps every URL of the dashboard, the wall for anything unknown', () => {
    expect(open('/operator/directives?show=closed&id=dir-1').search).toMatchObject({ show: 'closed', id: 'dir-1' });
    expect(open('/analyst/score766?group=progress&metric=2.1&part=outside&page=2').search).toMatchObject({
      group: 'progress',
      metric: '2.1',
      part: 'outside',
      page: 2,
    });
    expect(open('/admin/audit?actor=dung').page).toBe('/admin/audit');
    expect(
      open('/admin/boundaries')
        .router.matchRoutes(open('/admin/boundaries').router.state.location)
        .map((m) => m.routeId),
    ).toContain('/admin');
    expect(open('/nowhere').page).toBe('wall');
    expect(open('/analyst/nowhere/deeper').page).toBe('wall');
  });

  it('gives each page its validated parameters, kiosk parameters on unknown paths too', () => {
    expect(open('/?scene=admin&rotate=off&sceneSeconds=20&lang=en').search).toMatchObject({
      scene: 'procedures',
      rotate: false,
      sceneSeconds: 20,
      period: 'month',
      lang: 'en',
    });
    expect(open('/nowhere?scene=reporting').search).toMatchObject({ scene: 'reporting', rotate: true, kiosk: false });
    // ?kiosk hides the page chrome: present (with or without a value) turns it on, 0/false/off/no leaves it
    expect(open('/?kiosk').search).toMatchObject({ kiosk: true });
    expect(open('/?kiosk=1&scene=score766').search).toMatchObject({ kiosk: true, scene: 'score766' });
    expect(open('/?kiosk=0').search).toMatchObject({ kiosk: false });
    expect(open('/').search).toMatchObject({ kiosk: false });
    expect(open('/operator?area=916&sort=bogus').search).toMatchObject({ area: '916', show: 'all', sort: 'days-desc' });
    expect(open('/analyst/dossiers?indicator=avgDays&period=2026-Q3&by=agency').search).toMatchObject({
      indicator: 'avgDays',
      period: '2026-Q3',
      by: 'agency',
    });
    expect(open('/analyst?units=916%2C919&kind=quarter').search).toMatchObject({ units: ['916', '919'], kind: 'quarter' });
    expect(open('/analyst/reporting?indicator=par_index&units=SYT').search).toMatchObject({ indicator: 'par_index', units: ['SYT'] });
    expect(open('/operator/alerts?show=nope').search).toMatchObject({ show: 'active' });
    expect(open('/login?returnTo=%2Foperator%3Farea%3D916').search).toMatchObject({ returnTo: '/operator?area=916' });
    expect(open('/login?returnTo=https%3A%2F%2Fevil.example').search.returnTo).toBeUndefined();
    expect(open('/login?returnTo=%2F%2Fevil.example').search.returnTo).toBeUndefined();
    expect(open('/admin/audit?actor=dung.nk&action=alert.&from=2026-05-01&to=2026-13-01').search).toMatchObject({
      actor: 'dung.nk',
      action: 'alert.',
      from: '2026-05-01',
      to: undefined,
    });
  });

  it('writes flat query strings, leaves defaults out and keeps ?lang= across pages', () => {
    const { router } = open('/operator?lang=en&area=916');
    const to = (search: Record<string, unknown>) => router.buildLocation({ to: '/operator', search }).href;
    expect(to({ area: '917', show: 'all', sort: 'days-desc', dossier: 'HS 1&2' })).toBe('/operator?area=917&dossier=HS+1%262&lang=en');
    expect(router.buildLocation({ to: '/analyst/dossiers', search: { indicator: 'onTime', period: '2026-Q4', by: 'area' } }).href).toBe(
      '/analyst/dossiers?indicator=onTime&period=2026-Q4&by=area&lang=en',
    );
    expect(router.buildLocation({ to: '/analyst', search: { indicator: 'pm25', units: ['916', '919'] } }).href).toBe(
      '/analyst?indicator=pm25&units=916%2C919&lang=en',
    );
    expect(router.buildLocation({ to: '/', search: { scene: 'procedures', rotate: true, kiosk: false, period: 'month' } }).href).toBe(
      '/?scene=procedures&lang=en',
    );
    // the navigation links: another page keeps only the language
    expect(router.buildLocation({ to: '/analyst' }).href).toBe('/analyst?lang=en');
  });
});

describe('admin sections', () => {
  it('has a route under the admin layout for every section of ADMIN_SECTIONS', () => {
    for (const s of ADMIN_SECTIONS) expect(open(s.path).page).toBe(s.path);
  });
});
