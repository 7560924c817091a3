import { createRootRoute, createRoute, Outlet, retainSearchParams, useNavigate, type AnyRoute } from '@tanstack/react-router';
import { useCallback, type ComponentType, type ReactNode } from 'react';
import { validateAlertsSearch, ALERTS_SEARCH_DEFAULTS, type AlertsSearch } from '../alerts/alerts-state.ts';
import { validateAnalystSearch, type AnalystSearch } from '../analyst/analyst-state.ts';
import { validateReportingSearch, type ReportingSearch } from '../analyst/reporting-state.ts';
import { validateExplorerSearch, type ExplorerSearch } from '../explorer/explorer-state.ts';
import { OPERATOR_SEARCH_DEFAULTS, validateOperatorSearch, type OperatorSearch } from '../operator/operator-state.ts';
import { validateWallSearch, WALL_SEARCH_DEFAULTS, type WallSearch } from '../scenes/wall-state.ts';
import type { PageProps } from './page.ts';
import { validateRootSearch, withoutDefaults, type RawSearch } from './search.ts';

/** The pages and their paths. The ingest server (and Vite in development) answer every non-API path with index.html. */
export const PATHS = {
  wall: '/',
  operator: '/operator',
  alerts: '/operator/alerts',
  explorer: '/analyst',
  analyst: '/analyst/dossiers',
  reporting: '/analyst/reporting',
  admin: '/admin',
  adminBoundaries: '/admin/boundaries',
} as const;

export type PageName = keyof typeof PATHS;

/** The component of each page; the app passes the real (lazy) screens, the tests stand-ins. */
export interface Screens {
  wall: ComponentType<PageProps<WallSearch>>;
  operator: ComponentType<PageProps<OperatorSearch>>;
  alerts: ComponentType<PageProps<AlertsSearch>>;
  explorer: ComponentType<PageProps<ExplorerSearch>>;
  analyst: ComponentType<PageProps<AnalystSearch>>;
  reporting: ComponentType<PageProps<ReportingSearch>>;
  /** The administration area: its navigation (admin/sections.ts) around the section's page (an Outlet). */
  admin: ComponentType;
  /** /admin itself: the list of sections. */
  adminHome: ComponentType;
  adminBoundaries: ComponentType;
}

/** Binds a page's validated parameters and a setter to its screen, so screens never touch the router. */
function usePage<S extends object>(route: { useSearch: () => unknown }): PageProps<S> {
  const search = route.useSearch() as S;
  const navigate = useNavigate();
  const setSearch = useCallback(
    (patch: Partial<S>, options: { replace?: boolean } = {}) =>
      void navigate({ to: '.', search: (prev: RawSearch) => ({ ...prev, ...patch }), replace: options.replace }),
    [navigate],
  );
  return { search, setSearch };
}

/**
 * The route tree: one route per page, each with its parameters declared once (validateSearch,
 * from the page's `*-state.ts`), defaults left out of the URL, and `?lang=` kept across pages.
 * Any path the tree does not know shows the wall: a wall browser pointed at a stale URL must
 * still show something.
 */
export function buildRouteTree(screens: Screens, Shell: ComponentType<{ children: ReactNode }>) {
  const root = createRootRoute({
    validateSearch: validateRootSearch,
    search: { middlewares: [retainSearchParams(['lang'])] },
    component: () => (
      <Shell>
        <Outlet />
      </Shell>
    ),
  });

  function page<S extends object>(path: string, validateSearch: (raw: RawSearch) => S, Screen: ComponentType<PageProps<S>>, defaults?: Partial<S>): AnyRoute {
    // The router sees plain records; the page gets its own type back (usePage).
    const validate = (raw: RawSearch) => validateSearch(raw) as RawSearch;
    const route: AnyRoute = createRoute({
      getParentRoute: () => root,
      path,
      validateSearch: validate,
      search: defaults ? { middlewares: [({ search, next }) => withoutDefaults(next(search), defaults as RawSearch)] } : undefined,
      component: function Page() {
        return <Screen {...usePage<S>(route)} />;
      },
    });
    return route;
  }

  // The administration area: one layout (navigation from admin/sections.ts), one child route per section.
  const { admin: Admin, adminHome: AdminHome, adminBoundaries: AdminBoundaries } = screens;
  const admin = createRoute({ getParentRoute: () => root, path: PATHS.admin, component: () => <Admin /> });
  const adminHome = createRoute({ getParentRoute: () => admin, path: '/', component: () => <AdminHome /> });
  const adminBoundaries = createRoute({ getParentRoute: () => admin, path: 'boundaries', component: () => <AdminBoundaries /> });

  return root.addChildren([
    admin.addChildren([adminHome, adminBoundaries]),
    page(PATHS.wall, validateWallSearch, screens.wall, WALL_SEARCH_DEFAULTS),
    page(PATHS.operator, validateOperatorSearch, screens.operator, OPERATOR_SEARCH_DEFAULTS),
    page(PATHS.alerts, validateAlertsSearch, screens.alerts, ALERTS_SEARCH_DEFAULTS),
    page(PATHS.explorer, validateExplorerSearch, screens.explorer),
    page(PATHS.analyst, validateAnalystSearch, screens.analyst),
    page(PATHS.reporting, validateReportingSearch, screens.reporting),
    page('$', validateWallSearch, screens.wall, WALL_SEARCH_DEFAULTS),
  ]);
}
