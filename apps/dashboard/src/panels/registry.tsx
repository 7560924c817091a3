import { lazy, type ComponentType } from 'react';
import { AlertTicker } from '../alerts/AlertTicker.tsx';
import { wallAlertsQuery } from '../alerts/alerts.queries.ts';
import { homeScope } from '../app/home-scope.ts';
import { airQualityQuery } from '../queries/air-quality.queries.ts';
import { catalogueQuery } from '../queries/catalogue.queries.ts';
import { directiveBoardQuery } from '../queries/directives.queries.ts';
import { feedHealthQuery } from '../queries/feeds.queries.ts';
import { areasQuery, geoAreasQuery } from '../queries/geo.queries.ts';
import { agenciesQuery } from '../queries/names.queries.ts';
import { snapshotQuery } from '../queries/snapshot.queries.ts';
import { proceduresQueries } from '../scenes/procedures/scene-queries.ts';
import { reportingQueries } from '../scenes/reporting/scene-queries.ts';
import { score766Queries } from '../scenes/score766/scene-queries.ts';
import { AirQualityPanel } from './air-quality/AirQualityPanel.tsx';
import { FeedHealthPanel } from './feed-health/FeedHealthPanel.tsx';
import { KpiTilesPanel } from './kpi-tiles/KpiTilesPanel.tsx';
import type { PanelContext, PanelDef, PanelProps } from './panel.ts';
import { WaterLevelPanel } from './water-level/WaterLevelPanel.tsx';

/**
 * Every panel a scene can place, by id (scenes/scene-registry.ts names them). The overview's
 * panels are in the entry chunk: they are the first screen. MapLibre, and the scenes shown
 * later, are their own chunks, loaded once the first data is on screen.
 */
type Module = Record<string, unknown>;
/** A lazily loaded export of a module: one chunk per module, shared by the panels it holds. */
function lazyPanel(load: () => Promise<Module>, name: string): ComponentType<PanelProps> {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType<PanelProps> })));
}
const procedures = () => import('../scenes/procedures/procedures.panels.tsx');
const reporting = () => import('../scenes/reporting/reporting.panels.tsx');
const score766 = () => import('../scenes/score766/score766.panels.tsx');

const city = () => [catalogueQuery(), snapshotQuery(homeScope())];
const byArea = (ctx: PanelContext) => [proceduresQueries(ctx).byArea];
const scorecard = (ctx: PanelContext) => [score766Queries(ctx).scorecard];

export const PANELS: Readonly<Record<string, PanelDef>> = {
  map: {
    title: 'panel.map',
    component: lazyPanel(() => import('../map/MapView.tsx'), 'MapView'),
    queries: () => [...city(), geoAreasQuery(), areasQuery()],
    size: 'fill',
    deferred: true,
  },
  'alert-ticker': { title: 'alerts.ticker', component: AlertTicker, queries: () => [wallAlertsQuery()], size: 'auto' },
  'kpi-tiles': { title: 'panel.kpiTiles', component: KpiTilesPanel, queries: city, size: 'fill' },
  // its 6-hour history is read on mount, for a window ending at the server-corrected now
  'water-level': { title: 'water.heading', component: WaterLevelPanel, queries: city, size: 'auto' },
  'air-quality': { title: 'air.heading', component: AirQualityPanel, queries: () => [...city(), airQualityQuery(homeScope())], size: 'auto' },
  'feed-health': { title: 'feeds.heading', component: FeedHealthPanel, queries: () => [feedHealthQuery()], size: 'auto' },

  'procedures-head': { title: 'admin.heading', component: lazyPanel(procedures, 'ProceduresHead'), queries: byArea, size: 'auto' },
  'procedures-counts': { title: 'panel.procedureCounts', component: lazyPanel(procedures, 'ProcedureCounts'), queries: byArea, size: 'auto' },
  'procedures-rates': { title: 'panel.procedureRates', component: lazyPanel(procedures, 'ProcedureRates'), queries: byArea, size: 'auto' },
  // the same server scorecard as the 766 scene (one read, one model)
  score766: { title: 'score766.heading', component: lazyPanel(procedures, 'ProceduresScore766'), queries: scorecard, size: 'fill' },
  'procedures-rank-districts': {
    title: 'admin.ranking.districts',
    component: lazyPanel(procedures, 'ProceduresRankDistricts'),
    queries: (ctx) => [...byArea(ctx), areasQuery()],
    size: 'fill',
  },
  'procedures-rank-agencies': {
    title: 'admin.ranking.agencies',
    component: lazyPanel(procedures, 'ProceduresRankAgencies'),
    queries: (ctx) => [proceduresQueries(ctx).byAgency, agenciesQuery()],
    size: 'fill',
  },

  // the computed Decision 766 scorecard (server-side, docs/SCORE766.md); the three panels share one read
  'score766-head': { title: 'score766.heading', component: lazyPanel(score766, 'Score766Head'), queries: scorecard, size: 'auto' },
  'score766-scorecard': { title: 'score766.heading', component: lazyPanel(score766, 'Score766Scorecard'), queries: scorecard, size: 'fill' },
  'score766-lost': { title: 'score766.lost', component: lazyPanel(score766, 'Score766Lost'), queries: scorecard, size: 'fill' },
  // the leader's directives overdue and due today, live on directiveV1
  'directive-board': {
    title: 'score766.directives.heading',
    component: lazyPanel(() => import('./directives/DirectivesBoardPanel.tsx'), 'DirectivesBoardPanel'),
    queries: () => [directiveBoardQuery()],
    size: 'fill',
  },

  'reporting-head': { title: 'reporting.heading', component: lazyPanel(reporting, 'ReportingHead'), queries: () => [], size: 'auto' },
  'reporting-targets': {
    title: 'reporting.targets',
    component: lazyPanel(reporting, 'ReportingTargets'),
    queries: (ctx) => [reportingQueries(ctx).catalogue, reportingQueries(ctx).latest],
    size: 'fill',
  },
  // the ranking's period is the latest one reported, known once `latest` is read
  'reporting-rank-departments': {
    title: 'reporting.parDepartments',
    component: lazyPanel(reporting, 'ReportingRankDepartments'),
    queries: (ctx) => [reportingQueries(ctx).latest],
    size: 'fill',
  },
  'reporting-rank-districts': {
    title: 'reporting.parDistricts',
    component: lazyPanel(reporting, 'ReportingRankDistricts'),
    queries: (ctx) => [reportingQueries(ctx).latest],
    size: 'fill',
  },
  'reporting-late': {
    title: 'reporting.late',
    component: lazyPanel(reporting, 'ReportingLate'),
    queries: (ctx) => [reportingQueries(ctx).status],
    size: 'fill',
  },
};

export const PANEL_IDS: ReadonlySet<string> = new Set(Object.keys(PANELS));

export function panelSize(id: string) {
  return PANELS[id]?.size ?? 'auto';
}
