import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstData, useCatalogue } from '../app/hooks.ts';
import { useLocation } from '../app/router.ts';
import { runtimeConfig } from '../config.ts';
import { AlertTicker } from '../alerts/AlertTicker.tsx';
import { AirQualityPanel } from '../panels/air-quality/AirQualityPanel.tsx';
import { FeedHealthPanel } from '../panels/feed-health/FeedHealthPanel.tsx';
import { KpiTilesPanel } from '../panels/kpi-tiles/KpiTilesPanel.tsx';
import { WaterLevelPanel } from '../panels/water-level/WaterLevelPanel.tsx';
import { SceneIndicator } from '../scenes/SceneIndicator.tsx';
import { sceneAt, scenePlan } from '../scenes/scene-rotation.ts';
import { Header } from '../shell/Header.tsx';
import { OfflineBanner } from '../shell/OfflineBanner.tsx';
import { useClock } from '../realtime/RealtimeProvider.tsx';

// MapLibre is by far the largest dependency: its chunk loads in parallel while the tiles render.
const MapView = lazy(() => import('../map/MapView.tsx').then((m) => ({ default: m.MapView })));
// The administrative-procedures scene is not the first thing on screen: its own chunk.
const ProceduresScene = lazy(() => import('../scenes/procedures/ProceduresScene.tsx').then((m) => ({ default: m.ProceduresScene })));
const ReportingScene = lazy(() => import('../scenes/reporting/ReportingScene.tsx').then((m) => ({ default: m.ReportingScene })));

/**
 * The 16:9 wall. Two scenes share the body and alternate (scene-rotation.ts): the overview (map,
 * indicators, water levels, air quality) and "Hành chính công". Both stay mounted once shown, the
 * hidden one invisible but laid out, so a switch never re-creates the map or the charts.
 */
export function WallScreen() {
  const { t } = useTranslation();
  const { index, timeZone, error } = useCatalogue();
  const { now, offline } = useClock();
  const { search } = useLocation();
  const heavy = useAfterFirstData();
  const plan = useMemo(() => scenePlan(search, runtimeConfig().sceneSeconds), [search]);
  const [startedAt] = useState(now);
  const state = sceneAt(plan, now, startedAt);
  const showOverview = plan.pinned !== 'admin' && plan.pinned !== 'reporting';
  // Rotating: the admin scene loads once the overview has its first data, well before its turn.
  const showAdmin = plan.pinned === 'admin' || state.scene === 'admin' || (plan.rotate && heavy);
  const mapPlaceholder = <section className="panel map-panel" data-testid="map-loading" />;
  const showReporting = plan.pinned === 'reporting' || state.scene === 'reporting' || (plan.rotate && heavy);
  const hidden = (scene: 'overview' | 'admin' | 'reporting') => state.scene !== scene;
  return (
    <div className={offline ? 'wall is-offline' : 'wall'} data-testid="wall" data-scene={state.scene}>
      <Header timeZone={timeZone} subtitle={state.scene === 'admin' ? t('admin.subtitle') : state.scene === 'reporting' ? t('reporting.subtitle') : undefined}>
        <SceneIndicator plan={plan} state={state} />
      </Header>
      <OfflineBanner />
      {index ? (
        <div className="scenes">
          {showOverview && (
            <main
              className={hidden('overview') ? 'wall-body scene is-hidden' : 'wall-body scene'}
              aria-hidden={hidden('overview')}
              data-testid="scene-overview"
              data-active={!hidden('overview')}
            >
              <div className="wall-left">
                {heavy ? (
                  <Suspense fallback={mapPlaceholder}>
                    <MapView />
                  </Suspense>
                ) : (
                  mapPlaceholder
                )}
              </div>
              <div className="wall-right">
                <AlertTicker />
                <KpiTilesPanel />
                <WaterLevelPanel />
                <AirQualityPanel />
                <FeedHealthPanel />
              </div>
            </main>
          )}
          {showAdmin && (
            <Suspense fallback={<div className={hidden('admin') ? 'scene is-hidden' : 'scene wall-loading'} />}>
              <ProceduresScene active={!hidden('admin')} />
            </Suspense>
          )}
          {showReporting && (
            <Suspense fallback={<div className={hidden('reporting') ? 'scene is-hidden' : 'scene wall-loading'} />}>
              <ReportingScene active={!hidden('reporting')} />
            </Suspense>
          )}
        </div>
      ) : (
        <main className="wall-body wall-loading">
          <div className="loading-box">{error ? t('app.loadError') : t('app.loading')}</div>
        </main>
      )}
    </div>
  );
}
