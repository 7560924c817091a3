import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { LiveClient } from '../realtime/live-client.ts';
import { RealtimeProvider } from '../realtime/RealtimeProvider.tsx';
import { useDossierLiveRefresh } from '../realtime/useDossierLiveRefresh.ts';
import { WallScreen } from '../screens/wall.screen.tsx';
import { useAlertPushes } from '../alerts/useAlertPushes.ts';
import { matchRoute, useLocation } from './router.ts';

// Desktop pages: their own chunks, so the wall's entry stays small.
const OperatorScreen = lazy(() => import('../screens/operator.screen.tsx').then((m) => ({ default: m.OperatorScreen })));
const ExplorerScreen = lazy(() => import('../screens/explorer.screen.tsx').then((m) => ({ default: m.ExplorerScreen })));
const AlertsScreen = lazy(() => import('../screens/alerts.screen.tsx').then((m) => ({ default: m.AlertsScreen })));
const ReportingAnalystScreen = lazy(() => import('../screens/reporting-analyst.screen.tsx').then((m) => ({ default: m.ReportingAnalystScreen })));
const AnalystScreen = lazy(() => import('../screens/analyst.screen.tsx').then((m) => ({ default: m.AnalystScreen })));

function Routes() {
  const { pathname } = useLocation();
  useDossierLiveRefresh();
  useAlertPushes();
  const route = matchRoute(pathname);
  if (route === 'wall') return <WallScreen />;
  return (
    <Suspense fallback={<div className="page page-loading" />}>
      {route === 'operator' ? (
        <OperatorScreen />
      ) : route === 'explorer' ? (
        <ExplorerScreen />
      ) : route === 'alerts' ? (
        <AlertsScreen />
      ) : route === 'reporting' ? (
        <ReportingAnalystScreen />
      ) : (
        <AnalystScreen />
      )}
    </Suspense>
  );
}

export function App({ queryClient, liveClient }: { queryClient: QueryClient; liveClient: LiveClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={liveClient}>
        <Routes />
      </RealtimeProvider>
    </QueryClientProvider>
  );
}
