import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, SCREENS, Shell } from './app/App.tsx';
import { createQueryClient } from './app/query-client.ts';
import './app/styles.css';
import i18next, { currentLang } from './i18n/i18n.ts';
import { LiveClient, type LiveDebug } from './realtime/live-client.ts';
import { createSocket } from './realtime/socket.ts';
import { homeScope as sessionHomeScope, pageOfPath } from './auth/access.model.ts';
import { fetchSession, sessionQuery, sessionUser } from './auth/auth.queries.ts';
import { goToSignIn } from './auth/navigate.ts';
import { homeScope, setHomeScope } from './app/home-scope.ts';
import { createAppRouter } from './app/router.tsx';
import { api } from './queries/http.ts';
import { catalogueQuery } from './queries/catalogue.queries.ts';
import { areasQuery, geoAreasQuery } from './queries/geo.queries.ts';
import { snapshotQuery } from './queries/snapshot.queries.ts';

declare global {
  interface Window {
    /** Scope versions and link state, for debugging and browser tests. */
    __ioc: LiveDebug;
  }
}

const signIn = () => goToSignIn(currentLang(i18next.language));
const queryClient = createQueryClient();
const router = createAppRouter(SCREENS, Shell);
const page = pageOfPath(window.location.pathname);
// A 401 from any request: the sign-in page, back here afterwards.
api.setUnauthorizedHandler(signIn);
window.__ioc = { versions: {}, connected: false };

/**
 * Start: the session first (it decides the scope the wall shows and the socket follows), the
 * catalogue meanwhile; then the snapshot, the map's shapes and the socket. The sign-in page reads
 * nothing else and opens no socket.
 */
async function boot() {
  if (page !== 'login') {
    void queryClient.prefetchQuery(catalogueQuery());
    // one try: a wall that starts while the server is away shows that (offline banner) instead of waiting on retries
    const session = await queryClient.fetchQuery({ ...sessionQuery(), retry: false }).catch(() => null);
    if (session?.status === 'signedOut') return signIn();
    setHomeScope(sessionHomeScope(session ? sessionUser(session) : null));
    void queryClient.prefetchQuery(snapshotQuery(homeScope()));
    // The map's shapes and unit names only matter on the wall.
    if (page === 'wall') {
      void queryClient.prefetchQuery(geoAreasQuery());
      void queryClient.prefetchQuery(areasQuery());
    }
  }
  const liveClient = new LiveClient({
    socket: createSocket(),
    queryClient,
    scopes: [homeScope()],
    debug: window.__ioc,
    onUnauthorized: signIn,
    sessionEnded: async () => (await fetchSession(api)).status === 'signedOut',
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} liveClient={liveClient} router={router} live={page !== 'login'} />
    </StrictMode>,
  );
}

void boot();
