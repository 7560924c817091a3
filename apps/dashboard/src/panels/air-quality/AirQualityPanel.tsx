import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang, useScopeCells } from '../../app/hooks.ts';
import { homeScope } from '../../app/home-scope.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { airQualityQuery } from '../../queries/air-quality.queries.ts';
import { buildAirQualityRows } from './air-quality.model.ts';

export function AirQualityPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { cells } = useScopeCells(homeScope());
  const { now, offline } = useClock();
  const air = useQuery(airQualityQuery(homeScope()));
  const dominant = useMemo(() => new Map((air.data?.stations ?? []).flatMap((s) => (s.nowcast ? [[s.station, s.nowcast.dominant] as const] : []))), [air.data]);
  const rows = useMemo(
    () => (index ? buildAirQualityRows({ catalogue: index, cells, now, offline, lang, timeZone, dominant }) : []),
    [index, cells, now, offline, lang, timeZone, dominant],
  );
  return (
    <section className="panel air-panel" data-testid="air-panel">
      <h2 className="panel-title">{t('air.heading')}</h2>
      {rows.length === 0 && <div className="panel-empty">{t('air.none')}</div>}
      <ul className="air-list">
        {rows.map((r) => (
          <li key={r.stationId} className={r.stale ? 'air-row stale' : 'air-row'} data-testid={`air-${r.stationId}`} data-raw-value={r.aqiRaw ?? undefined}>
            <div className="air-aqi" style={r.band && !r.stale ? { backgroundColor: r.band.color, color: r.band.textColor } : undefined}>
              <span className="air-aqi-value">{r.aqiText}</span>
              <span className="air-aqi-unit">{r.source === 'nowcast' ? t('alerts.nowcast') : 'AQI'}</span>
            </div>
            <div className="air-body">
              <div className="air-name">{r.name}</div>
              <div className="air-meta">
                {r.band && (
                  <span className="air-level" style={{ color: r.stale ? undefined : r.band.color }}>
                    {r.band.label}
                  </span>
                )}
                {r.dominant && (
                  <span className="air-dominant" data-testid={`air-dominant-${r.stationId}`}>
                    {t('alerts.dominant', { pollutant: r.dominant })}
                  </span>
                )}
                <span className={r.pm25Stale ? 'air-pm stale-text' : 'air-pm'}>
                  {t('air.pm25')} <b>{r.pm25Text}</b> {r.pm25Text !== '—' && r.pm25Unit}
                </span>
              </div>
              <Freshness updated={r.updated} stale={r.stale} freshness={r.freshness} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
