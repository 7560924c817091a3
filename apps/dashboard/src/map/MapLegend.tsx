import type { Band } from '@cityioc/contracts';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Lang } from '../format/format.ts';
import { TRAFFIC_SPEED_CLASSES } from './layers/traffic/traffic.layer.ts';
import { UI } from '../theme/theme.ts';
import type { LegendRow } from './map-kpi.ts';

/** The speed classes as legend rows: '< 20', '20–40', '≥ 40 km/h'. */
export function trafficLegendRows(lang: Lang): { id: string; label: string; color: string }[] {
  return TRAFFIC_SPEED_CLASSES.map((c, i) => {
    const next = TRAFFIC_SPEED_CLASSES[i + 1];
    const n = (v: number) => formatNumber(v, 0, lang);
    const label = i === 0 ? `< ${n(next!.from)}` : next ? `${n(c.from)}–${n(next.from)}` : `≥ ${n(c.from)} km/h`;
    return { id: c.id, label, color: c.color };
  });
}

export function MapLegend({
  lang,
  kpiTitle,
  kpiRows,
  waterBands,
  aqiBands,
}: {
  lang: Lang;
  /** The map's KPI and its classes (the choropleth). */
  kpiTitle: string;
  kpiRows: readonly LegendRow[];
  waterBands: readonly Band[];
  aqiBands: readonly Band[];
}) {
  const { t } = useTranslation();
  return (
    <div className="map-legend" data-testid="map-legend">
      <div className="legend-group" data-testid="legend-kpi">
        <div className="legend-title">{kpiTitle}</div>
        <div className="legend-ramp">
          {kpiRows.map((r) => (
            <span key={r.label} className="legend-item">
              <span className="legend-swatch" style={{ backgroundColor: r.color }} />
              {r.label}
            </span>
          ))}
          <span className="legend-item">
            <span className="legend-swatch" style={{ backgroundColor: UI.noDataArea }} />
            {t('map.noData')}
          </span>
        </div>
      </div>
      {waterBands.length > 0 && (
        <div className="legend-group">
          <div className="legend-title">{t('map.legendWater')}</div>
          <div className="legend-ramp">
            {waterBands.map((b) => (
              <span key={b.id} className="legend-item">
                <span className="legend-dot legend-dot-water" style={{ backgroundColor: b.color }} />
                {b.label[lang]}
              </span>
            ))}
          </div>
        </div>
      )}
      <div className="legend-group" data-testid="legend-traffic">
        <div className="legend-title">{t('map.legendTraffic')}</div>
        <div className="legend-ramp">
          {trafficLegendRows(lang).map((r) => (
            <span key={r.id} className="legend-item">
              <span className="legend-line" style={{ backgroundColor: r.color }} />
              {r.label}
            </span>
          ))}
          <span className="legend-item">
            <span className="legend-line" style={{ backgroundColor: UI.stale }} />
            {t('map.trafficGrey')}
          </span>
        </div>
      </div>
      {aqiBands.length > 0 && (
        <div className="legend-group">
          <div className="legend-title">{t('map.legendAir')}</div>
          <div className="legend-ramp">
            {aqiBands.map((b) => (
              <span key={b.id} className="legend-item">
                <span className="legend-dot legend-dot-air" style={{ backgroundColor: b.color }} />
                {b.label[lang]}
              </span>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
