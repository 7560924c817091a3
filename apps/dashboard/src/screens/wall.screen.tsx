import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstData, useCatalogue } from '../app/hooks.ts';
import { AirQualityPanel } from '../panels/air-quality/AirQualityPanel.tsx';
import { KpiTilesPanel } from '../panels/kpi-tiles/KpiTilesPanel.tsx';
import { WaterLevelPanel } from '../panels/water-level/WaterLevelPanel.tsx';
import { Header } from '../shell/Header.tsx';
import { OfflineBanner } from '../shell/OfflineBanner.tsx';
import { useClock } from '../realtime/RealtimeProvider.tsx';

// MapLibre is by far the largest dependency: its chunk loads in parallel while the tiles render.
const MapView = lazy(() => import('../map/MapView.tsx').then((m) => ({ default: m.MapView })));

/** The 16:9 overview wall: map on the left, indicators, water levels and air quality on the right. */
export function WallScreen() {
  const { t } = useTranslation();
  const { index, timeZone, error } = useCatalogue();
  const { offline } = useClock();
  const heavy = useAfterFirstData();
  const mapPlaceholder = <section className="panel map-panel" data-testid="map-loading" />;
  return (
    <div className={offline ? 'wall is-offline' : 'wall'} data-testid="wall">
      <Header timeZone={timeZone} />
      <OfflineBanner />
      {index ? (
        <main className="wall-body">
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
            <KpiTilesPanel />
            <WaterLevelPanel />
            <AirQualityPanel />
          </div>
        </main>
      ) : (
        <main className="wall-body wall-loading">
          <div className="loading-box">{error ? t('app.loadError') : t('app.loading')}</div>
        </main>
      )}
    </div>
  );
}
