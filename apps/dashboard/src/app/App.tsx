import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useAlertPushes } from '../alerts/useAlertPushes.ts';
import { pageOfPath } from '../auth/access.model.ts';
import { AccessGate } from '../auth/AccessGate.tsx';
import type { LiveClient } from '../realtime/live-client.ts';
import { RealtimeProvider } from '../realtime/RealtimeProvider.tsx';
import { useDirectivePushes } from '../realtime/useDirectivePushes.ts';
import { useDossierLiveRefresh } from '../realtime/useDossierLiveRefresh.ts';
import { PinReleaseBar } from '../wall-pin/PinReleaseBar.tsx';
import { useWallPinPushes } from '../wall-pin/useWallPin.ts';
import { WallScreen } from '../screens/wall.screen.tsx';
import type { Screens } from './route-tree.tsx';
import type { AppRouter } from './router.tsx';

/** A desktop page in its own chunk, so the wall's entry stays small. */
function lazyScreen<P extends object>(load: () => Promise<Record<string, unknown>>, name: string): ComponentType<P> {
  const Screen = lazy(() => load().then((m) => ({ default: m[name] as ComponentType<P> })));
  return function LazyScreen(props: P) {
    return (
      <Suspense fallback={<div className="page page-loading" />}>
        <Screen {...props} />
      </Suspense>
    );
  };
}

export const SCREENS: Screens = {
  wall: WallScreen,
  operator: lazyScreen(() => import('../screens/operator.screen.tsx'), 'OperatorScreen'),
  alerts: lazyScreen(() => import('../screens/alerts.screen.tsx'), 'AlertsScreen'),
  explorer: lazyScreen(() => import('../screens/explorer.screen.tsx'), 'ExplorerScreen'),
  analyst: lazyScreen(() => import('../screens/analyst.screen.tsx'), 'AnalystScreen'),
  reporting: lazyScreen(() => import('../screens/reporting-analyst.screen.tsx'), 'ReportingAnalystScreen'),
  score766: lazyScreen(() => import('../screens/score766.screen.tsx'), 'Score766Screen'),
  directives: lazyScreen(() => import('../screens/directives.screen.tsx'), 'DirectivesScreen'),
  briefing: lazyScreen(() => import('../screens/briefing.screen.tsx'), 'BriefingScreen'),
  login: lazyScreen(() => import('../auth/LoginScreen.tsx'), 'LoginScreen'),
  gallery: lazyScreen(() => import('../gallery/gallery.screen.tsx'), 'GalleryScreen'),
  admin: {
    layout: lazyScreen(() => import('../admin/AdminLayout.tsx'), 'AdminLayout'),
    home: lazyScreen(() => import('../admin/AdminLayout.tsx'), 'AdminHome'),
    users: lazyScreen(() => import('../admin/users/UsersPage.tsx'), 'UsersPage'),
    feeds: lazyScreen(() => import('../admin/feeds/FeedsPage.tsx'), 'FeedsPage'),
    devices: lazyScreen(() => import('../admin/devices/DevicesPage.tsx'), 'DevicesPage'),
    audit: lazyScreen(() => import('../admin/audit/AuditPage.tsx'), 'AuditPage'),
    boundaries: lazyScreen(() => import('../admin/boundaries/BoundariesPage.tsx'), 'BoundariesPage'),
    wall: lazyScreen(() => import('../admin/wall/WallPlaylistPage.tsx'), 'WallPlaylistPage'),
  },
};

/**
 * Around every page: the access gate (sign-in when there is no session, "no permission" for a
 * page the role may not open); dossier deltas re-read the dossier figures, alert pushes refresh
 * the alert lists, directive pushes the directive board.
 */
export function Shell({ children }: { children: ReactNode }) {
  useDossierLiveRefresh();
  useAlertPushes();
  useDirectivePushes();
  useWallPinPushes();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const page = pageOfPath(pathname);
  return (
    <AccessGate page={page}>
      {children}
      {/* the wall's own banner has "Bỏ ghim"; the briefing page shows the pin itself */}
      {page !== 'wall' && page !== 'briefing' && page !== 'login' && <PinReleaseBar />}
    </AccessGate>
  );
}

/** `live: false` on the sign-in page: no socket until there is a session. */
export function App({ queryClient, liveClient, router, live = true }: { queryClient: QueryClient; liveClient: LiveClient; router: AppRouter; live?: boolean }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={liveClient} live={live}>
        <RouterProvider router={router} />
      </RealtimeProvider>
    </QueryClientProvider>
  );
}
