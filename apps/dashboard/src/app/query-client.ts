import { QueryClient } from '@tanstack/react-query';

/**
 * A wall screen runs unattended: failed reads retry forever with a capped backoff, and nothing
 * refetches on focus (nobody focuses a wall). Snapshots stay fresh through the socket.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: Infinity,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 10_000),
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}
