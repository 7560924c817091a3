import { lazy, Suspense, useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstData, useCatalogue, useLang, useScopeCells } from '../../app/hooks.ts';
import { homeScope } from '../../app/home-scope.ts';
import { useUiScale } from '../../app/ui-scale.ts';
import { BandChip } from '../../components/BandChip.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { formatNumber, unitLabel } from '../../format/format.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { useWaterLevelSeries, WINDOW_MS } from './useWaterLevelSeries.ts';
import { buildWaterLevelOption, seriesColor } from './water-level.chart.ts';
import type { SeriesPoint } from './water-level.buffer.ts';
import { buildWaterStationRows, referenceStation, waterLevelStations } from './water-level.model.ts';

export function WaterLevelPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const scale = useUiScale();
  const { index, timeZone } = useCatalogue();
  const { cells } = useScopeCells(homeScope());
  const { now, offline } = useClock();
  const stations = useMemo(() => (index ? waterLevelStations(index) : []), [index]);
  const reference = useMemo(() => (index ? referenceStation(index) : null), [index]);
  const buffers = useWaterLevelSeries(stations);
  const heavy = useAfterFirstData();
  const rows = useMemo(
    () => (index ? buildWaterStationRows({ catalogue: index, cells, now, offline, lang, timeZone }) : []),
    [index, cells, now, offline, lang, timeZone],
  );
  const unit = unitLabel(index?.indicator('water_level')?.unit ?? 'cm', lang);

  // The window slides every 10 s: smooth enough for a 6-hour axis, cheap for a 24/7 screen.
  const windowEnd = Math.ceil(now / 10_000) * 10_000;
  const option = useMemo(
    () =>
      buildWaterLevelOption({
        series: stations.map((s) => ({ stationId: s.id, name: s.name, points: buffers[s.id] ?? EMPTY })),
        reference: reference ? { stationId: reference.station.id, bands: reference.bands } : null,
        from: windowEnd - WINDOW_MS,
        to: windowEnd,
        unit,
        lang,
        timeZone,
        scale,
        now: windowEnd,
      }),
    [stations, buffers, reference, windowEnd, unit, lang, timeZone, scale],
  );

  return (
    <section className={offline ? 'panel water-panel stale' : 'panel water-panel'} data-testid="water-panel">
      <div className="panel-head">
        <h2 className="panel-title">{t('water.heading')}</h2>
        {reference && (
          <span className="panel-note">
            {t('water.reference', { station: reference.station.name, source: reference.station.thresholdSource ?? t('water.demo') })}
          </span>
        )}
      </div>
      <ul className="wl-stations">
        {rows.map((r, i) => (
          <li
            key={r.stationId}
            className={r.stale ? 'wl-station stale' : 'wl-station'}
            data-testid={`wl-${r.stationId}`}
            data-raw-value={r.raw ?? undefined}
            style={{ '--series': seriesColor(i) } as CSSProperties}
          >
            <div className="wl-name">
              <span className="wl-swatch" aria-hidden="true" />
              {r.name}
            </div>
            <div className="wl-value-row">
              <span className="wl-value">{r.valueText}</span>
              {r.raw !== null && <span className="wl-unit">{unit}</span>}
              {r.band && <BandChip band={r.band} suffix={r.band.above != null && r.band.above > 0 ? `+${formatNumber(r.band.above, 0, lang)}` : null} />}
            </div>
            <Freshness updated={r.updated} stale={r.stale} freshness={r.freshness} />
          </li>
        ))}
      </ul>
      {heavy ? (
        <Suspense fallback={<div className="wl-chart" />}>
          <EChart option={option} className="wl-chart" testId="water-chart" />
        </Suspense>
      ) : (
        <div className="wl-chart" />
      )}
    </section>
  );
}

const EMPTY: readonly SeriesPoint[] = [];

// ECharts is loaded as its own chunk, in parallel with the data: the tiles do not wait for it.
const EChart = lazy(() => import('../../components/EChart.tsx').then((m) => ({ default: m.EChart })));
