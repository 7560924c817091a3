import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useAlertPushes } from '../alerts/useAlertPushes.ts';
import type { LiveClient } from '../realtime/live-client.ts';
import { RealtimeProvider } from '../realtime/RealtimeProvider.tsx';
import { useDossierLiveRefresh } from '../realtime/useDossierLiveRefresh.ts';
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
  admin: lazyScreen(() => import('../admin/AdminLayout.tsx'), 'AdminLayout'),
  adminHome: lazyScreen(() => import('../admin/AdminLayout.tsx'), 'AdminHome'),
  adminBoundaries: lazyScreen(() => import('../admin/boundaries/BoundariesPage.tsx'), 'BoundariesPage'),
};

/** Around every page: dossier deltas re-read the dossier figures, alert pushes refresh the alert lists. */
export function Shell({ children }: { children: ReactNode }) {
  useDossierLiveRefresh();
  useAlertPushes();
  return children;
}

export function App({ queryClient, liveClient, router }: { queryClient: QueryClient; liveClient: LiveClient; router: AppRouter }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={liveClient}>
        <RouterProvider router={router} />
      </RealtimeProvider>
    </QueryClientProvider>
  );
}
