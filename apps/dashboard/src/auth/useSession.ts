import { useQuery } from '@tanstack/react-query';
import { sessionQuery, sessionUser, type Session } from './auth.queries.ts';
import type { SessionUser } from './session.ts';

/**
 * The session of this browser (GET /api/v1/auth/me, read once per page load: a new session always
 * reloads the page). `user` is null for a server without accounts (open) and while unknown.
 */
export function useSession(): { session: Session | undefined; user: SessionUser | null; failed: boolean } {
  const q = useQuery(sessionQuery());
  return { session: q.data, user: q.data ? sessionUser(q.data) : null, failed: q.isError && !q.data };
}
