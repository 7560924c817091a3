import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import type { LiveClient } from '../realtime/live-client.ts';
import { RealtimeProvider } from '../realtime/RealtimeProvider.tsx';
import { useDossierLiveRefresh } from '../realtime/useDossierLiveRefresh.ts';
import { WallScreen } from '../screens/wall.screen.tsx';
import { matchRoute, useLocation } from './router.ts';

// Desktop pages: their own chunks, so the wall's entry stays small.
const OperatorScreen = lazy(() => import('../screens/operator.screen.tsx').then((m) => ({ default: m.OperatorScreen })));
const ReportingAnalystScreen = lazy(() => import('../screens/reporting-analyst.screen.tsx').then((m) => ({ default: m.ReportingAnalystScreen })));
const AnalystScreen = lazy(() => import('../screens/analyst.screen.tsx').then((m) => ({ default: m.AnalystScreen })));

function Routes() {
  const { pathname } = useLocation();
  useDossierLiveRefresh();
  const route = matchRoute(pathname);
  if (route === 'wall') return <WallScreen />;
  return (
    <Suspense fallback={<div className="page page-loading" />}>
      {route === 'operator' ? <OperatorScreen /> : route === 'reporting' ? <ReportingAnalystScreen /> : <AnalystScreen />}
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
