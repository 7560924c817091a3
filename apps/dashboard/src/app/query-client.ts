import { QueryClient } from '@tanstack/react-query';
import { isAuthError } from '../queries/http.ts';

/**
 * A wall screen runs unattended: failed reads retry forever with a capped backoff, and nothing
 * refetches on focus (nobody focuses a wall). Snapshots stay fresh through the socket. A 401 or
 * 403 is not retried: the sign-in page (401) or the "no permission" text (403) takes over.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (_attempt, error) => !isAuthError(error),
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 10_000),
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    },
  });
}
