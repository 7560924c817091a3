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
  const bandRows = (bands: readonly Band[]) => bands.map((b) => ({ key: b.id, color: b.color, label: b.label[lang] }));
  return (
    <div className="map-legend" data-testid="map-legend">
      <LegendGroup
        title={kpiTitle}
        mark="legend-swatch"
        rows={[...kpiRows.map((r) => ({ key: r.label, ...r })), { key: 'no-data', color: UI.noDataArea, label: t('map.noData') }]}
        testId="legend-kpi"
      />
      {waterBands.length > 0 && <LegendGroup title={t('map.legendWater')} mark="legend-dot legend-dot-water" rows={bandRows(waterBands)} />}
      <LegendGroup
        title={t('map.legendTraffic')}
        mark="legend-line"
        rows={[...trafficLegendRows(lang).map((r) => ({ key: r.id, ...r })), { key: 'stale', color: UI.stale, label: t('map.trafficGrey') }]}
        testId="legend-traffic"
      />
      {aqiBands.length > 0 && <LegendGroup title={t('map.legendAir')} mark="legend-dot legend-dot-air" rows={bandRows(aqiBands)} />}
    </div>
  );
}

/** One group of the legend: its title and a mark (swatch, dot or line) in each row's colour. */
function LegendGroup({
  title,
  mark,
  rows,
  testId,
}: {
  title: string;
  mark: string;
  rows: readonly { key: string; color: string; label: string }[];
  testId?: string;
}) {
  return (
    <div className="legend-group" data-testid={testId}>
      <div className="legend-title">{title}</div>
      <div className="legend-ramp">
        {rows.map((r) => (
          <span key={r.key} className="legend-item">
            <span className={mark} style={{ backgroundColor: r.color }} />
            {r.label}
          </span>
        ))}
      </div>
    </div>
  );
}
