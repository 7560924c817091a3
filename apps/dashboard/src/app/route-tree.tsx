import { createRootRoute, createRoute, Outlet, retainSearchParams, useNavigate, type AnyRoute } from '@tanstack/react-router';
import { useCallback, type ComponentType, type ReactNode } from 'react';
import { validateAlertsSearch, ALERTS_SEARCH_DEFAULTS, type AlertsSearch } from '../alerts/alerts-state.ts';
import { validateAnalystSearch, type AnalystSearch } from '../analyst/analyst-state.ts';
import { validateReportingSearch, type ReportingSearch } from '../analyst/reporting-state.ts';
import { validateExplorerSearch, type ExplorerSearch } from '../explorer/explorer-state.ts';
import { OPERATOR_SEARCH_DEFAULTS, validateOperatorSearch, type OperatorSearch } from '../operator/operator-state.ts';
import { validateWallSearch, WALL_SEARCH_DEFAULTS, type WallSearch } from '../scenes/wall-state.ts';
import { ADMIN_SECTIONS } from '../admin/sections.ts';
import { validateAuditSearch, type AuditSearch } from '../admin/audit/audit.model.ts';
import { validateLoginSearch, type LoginSearch } from '../auth/login-state.ts';
import { validateGallerySearch, type GallerySearch } from '../gallery/gallery.model.ts';
import { validateBriefingSearch, type BriefingSearch } from '../wall-pin/briefing-state.ts';
import { DIRECTIVES_SEARCH_DEFAULTS, validateDirectivesSearch, type DirectivesSearch } from '../panels/directives/directives-page-state.ts';
import { SCORE766_SEARCH_DEFAULTS, validateScore766Search, type Score766Search } from '../panels/score766/score766-state.ts';
import type { PageProps } from './page.ts';
import { validateRootSearch, withoutDefaults, type RawSearch } from './search.ts';

/** The pages and their paths. The ingest server (and Vite in development) answer every non-API path with index.html. */
export const PATHS = {
  wall: '/',
  operator: '/operator',
  alerts: '/operator/alerts',
  // under /operator: the server answers its pages with index.html
  directives: '/operator/directives',
  // briefing mode: pin a scene or a panel on the wall
  briefing: '/operator/briefing',
  explorer: '/analyst',
  analyst: '/analyst/dossiers',
  reporting: '/analyst/reporting',
  // under /analyst: the server answers its pages with index.html (ingest plugins/dashboard.ts)
  score766: '/analyst/score766',
  login: '/login',
  admin: '/admin',
  // every wall panel from fixtures (gallery/); the server answers it with index.html
  gallery: '/gallery',
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
  /** The Decision 766 scorecard's drill-down: group → metric → the items behind it. */
  score766: ComponentType<PageProps<Score766Search>>;
  /** The leader's follow-up of directives: answers awaiting a decision, each unit's trail, accept or return. */
  directives: ComponentType<PageProps<DirectivesSearch>>;
  /** Briefing mode: the scenes and panels a leader pins on the wall, the pin in force and its release. */
  briefing: ComponentType<PageProps<BriefingSearch>>;
  login: ComponentType<PageProps<LoginSearch>>;
  /** Every panel of the wall in its own frame, drawn from fixtures; `?panel=<id>` shows one (layout checks, screenshots). */
  gallery: ComponentType<PageProps<GallerySearch>>;
  /** The administration area: a frame with the sections' navigation (ADMIN_SECTIONS) around the open section. */
  admin: {
    layout: ComponentType<{ children: ReactNode }>;
    home: ComponentType<PageProps<object>>;
    audit: ComponentType<PageProps<AuditSearch>>;
  } & Record<PlainAdminSection, ComponentType<PageProps<object>>>;
}

/** The admin sections without URL parameters of their own. */
const PLAIN_ADMIN_SECTIONS = ['users', 'feeds', 'devices', 'boundaries', 'wall'] as const;
type PlainAdminSection = (typeof PLAIN_ADMIN_SECTIONS)[number];

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

  function page<S extends object>(
    path: string,
    validateSearch: (raw: RawSearch) => S,
    Screen: ComponentType<PageProps<S>>,
    defaults?: Partial<S>,
    parent: AnyRoute = root,
  ): AnyRoute {
    // The router sees plain records; the page gets its own type back (usePage).
    const validate = (raw: RawSearch) => validateSearch(raw) as RawSearch;
    const route: AnyRoute = createRoute({
      getParentRoute: () => parent,
      path,
      validateSearch: validate,
      search: defaults ? { middlewares: [({ search, next }) => withoutDefaults(next(search), defaults as RawSearch)] } : undefined,
      component: function Page() {
        return <Screen {...usePage<S>(route)} />;
      },
    });
    return route;
  }

  const Layout = screens.admin.layout;
  const admin: AnyRoute = createRoute({
    getParentRoute: () => root,
    path: PATHS.admin,
    component: () => (
      <Layout>
        <Outlet />
      </Layout>
    ),
  });
  const none = () => ({});
  const section = (id: string) => ADMIN_SECTIONS.find((s) => s.id === id)!.path.slice(PATHS.admin.length + 1);
  const adminArea = admin.addChildren([
    page('/', none, screens.admin.home, undefined, admin),
    ...PLAIN_ADMIN_SECTIONS.map((id) => page(section(id), none, screens.admin[id], undefined, admin)),
    page(section('audit'), validateAuditSearch, screens.admin.audit, undefined, admin),
  ]);

  return root.addChildren([
    page(PATHS.login, validateLoginSearch, screens.login),
    adminArea,
    page(PATHS.wall, validateWallSearch, screens.wall, WALL_SEARCH_DEFAULTS),
    page(PATHS.operator, validateOperatorSearch, screens.operator, OPERATOR_SEARCH_DEFAULTS),
    page(PATHS.alerts, validateAlertsSearch, screens.alerts, ALERTS_SEARCH_DEFAULTS),
    page(PATHS.directives, validateDirectivesSearch, screens.directives, DIRECTIVES_SEARCH_DEFAULTS),
    page(PATHS.briefing, validateBriefingSearch, screens.briefing),
    page(PATHS.explorer, validateExplorerSearch, screens.explorer),
    page(PATHS.analyst, validateAnalystSearch, screens.analyst),
    page(PATHS.reporting, validateReportingSearch, screens.reporting),
    page(PATHS.score766, validateScore766Search, screens.score766, SCORE766_SEARCH_DEFAULTS),
    page(PATHS.gallery, validateGallerySearch, screens.gallery),
    page('$', validateWallSearch, screens.wall, WALL_SEARCH_DEFAULTS),
  ]);
}
