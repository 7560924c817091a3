import { createMemoryHistory } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { PATHS, type Screens } from './route-tree.tsx';
import { createAppRouter } from './router.tsx';

const stub = () => null;
const screens: Screens = {
  wall: stub,
  operator: stub,
  alerts: stub,
  explorer: stub,
  analyst: stub,
  reporting: stub,
  admin: stub,
  adminHome: stub,
  adminBoundaries: stub,
};
const Shell = ({ children }: { children: ReactNode }) => children;

/** The page a URL opens and the parameters it gets, through the app's real route tree. */
function open(url: string) {
  const router = createAppRouter(screens, Shell, createMemoryHistory({ initialEntries: [url] }));
  const matches = router.matchRoutes(router.state.location);
  const leaf = matches.at(-1)!;
  const page = (Object.entries(PATHS).find(([, p]) => p === leaf.routeId)?.[0] ?? (leaf.routeId === '/$' ? 'wall' : leaf.routeId)) as string;
  return { page, search: leaf.search as Record<string, unknown>, router };
}

describe('routes', () => {
  it('keeps every URL of the dashboard, the wall for anything unknown', () => {
    expect(open('/').page).toBe('wall');
    expect(open('/operator').page).toBe('operator');
    expect(open('/operator/').page).toBe('operator');
    expect(open('/operator/alerts').page).toBe('alerts');
    expect(open('/analyst').page).toBe('explorer');
    expect(open('/analyst/').page).toBe('explorer');
    expect(open('/analyst/dossiers').page).toBe('analyst');
    expect(open('/analyst/reporting').page).toBe('reporting');
    expect(open('/analyst/reporting/').page).toBe('reporting');
    expect(open('/admin').page).toBe('/admin/');
    expect(open('/admin/boundaries').page).toBe('adminBoundaries');
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
    expect(open('/nowhere?scene=reporting').search).toMatchObject({ scene: 'reporting', rotate: true });
    expect(open('/operator?area=916&sort=bogus').search).toMatchObject({ area: '916', show: 'all', sort: 'days-desc' });
    expect(open('/analyst/dossiers?indicator=avgDays&period=2026-Q3&by=agency').search).toMatchObject({
      indicator: 'avgDays',
      period: '2026-Q3',
      by: 'agency',
    });
    expect(open('/analyst?units=916%2C919&kind=quarter').search).toMatchObject({ units: ['916', '919'], kind: 'quarter' });
    expect(open('/analyst/reporting?indicator=par_index&units=SYT').search).toMatchObject({ indicator: 'par_index', units: ['SYT'] });
    expect(open('/operator/alerts?show=nope').search).toMatchObject({ show: 'active' });
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
    expect(router.buildLocation({ to: '/', search: { scene: 'procedures', rotate: true, period: 'month' } }).href).toBe('/?scene=procedures&lang=en');
    // the navigation links: another page keeps only the language
    expect(router.buildLocation({ to: '/analyst' }).href).toBe('/analyst?lang=en');
  });
});
