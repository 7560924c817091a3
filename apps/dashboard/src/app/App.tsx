import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { LiveClient } from '../realtime/live-client.ts';
import { RealtimeProvider } from '../realtime/RealtimeProvider.tsx';
import { WallScreen } from '../screens/wall.screen.tsx';

export function App({ queryClient, liveClient }: { queryClient: QueryClient; liveClient: LiveClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RealtimeProvider client={liveClient}>
        <WallScreen />
      </RealtimeProvider>
    </QueryClientProvider>
  );
}
