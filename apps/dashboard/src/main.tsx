import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, SCREENS, Shell } from './app/App.tsx';
import { createQueryClient } from './app/query-client.ts';
import './app/styles.css';
import './i18n/i18n.ts';
import { LiveClient, type LiveDebug } from './realtime/live-client.ts';
import { createSocket } from './realtime/socket.ts';
import { CITY_SCOPE } from './app/hooks.ts';
import { PATHS } from './app/route-tree.tsx';
import { createAppRouter } from './app/router.tsx';
import { catalogueQuery } from './queries/catalogue.queries.ts';
import { areasQuery, geoAreasQuery } from './queries/geo.queries.ts';
import { snapshotQuery } from './queries/snapshot.queries.ts';

declare global {
  interface Window {
    /** Scope versions and link state, for debugging and browser tests. */
    __ioc: LiveDebug;
  }
}

const queryClient = createQueryClient();
const router = createAppRouter(SCREENS, Shell);
const page = router.matchRoutes(router.state.location).at(-1)?.routeId;
// Start the three first reads at once instead of catalogue → (render) → snapshot.
void queryClient.prefetchQuery(catalogueQuery());
void queryClient.prefetchQuery(snapshotQuery(CITY_SCOPE));
// The map's shapes and unit names only matter on the wall.
if (page === PATHS.wall || page === '/$') {
  void queryClient.prefetchQuery(geoAreasQuery());
  void queryClient.prefetchQuery(areasQuery());
}
window.__ioc = { versions: {}, connected: false };
const liveClient = new LiveClient({ socket: createSocket(), queryClient, scopes: [CITY_SCOPE], debug: window.__ioc });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App queryClient={queryClient} liveClient={liveClient} router={router} />
  </StrictMode>,
);
