import { useTranslation } from 'react-i18next';
import { BandChip } from '../../components/BandChip.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { formatNumber, type Lang } from '../../format/format.ts';
import type { KpiTileModel } from './kpi-tiles.model.ts';
import { KpiBar, KpiTargetNote } from './KpiMeter.tsx';

export function KpiTile({ tile, version, lang }: { tile: KpiTileModel; version: number | null; lang: Lang }) {
  const { t } = useTranslation();
  const cls = ['kpi', `kpi-${tile.domain}`, tile.stale ? 'stale' : '', tile.raw === null ? 'empty' : ''].filter(Boolean).join(' ');
  const above =
    tile.band?.above != null && tile.band.above > 0 ? t('kpi.above', { value: formatNumber(tile.band.above, 0, lang), unit: tile.unit ?? '' }).trim() : null;
  return (
    <article
      className={cls}
      data-testid={`kpi-${tile.indicatorId}`}
      data-raw-value={tile.raw ?? undefined}
      data-version={version ?? undefined}
      data-freshness={tile.freshness}
    >
      <h3 className="kpi-label">{tile.label}</h3>
      <div className="kpi-value-row">
        <span className="kpi-value" data-testid={`kpi-value-${tile.indicatorId}`}>
          {tile.valueNumber}
          {tile.valueSuffix && <span className="kpi-suffix">{tile.valueSuffix}</span>}
        </span>
        {tile.unit && tile.raw !== null && <span className="kpi-unit">{tile.unit}</span>}
        {tile.band && <BandChip band={tile.band} suffix={above} />}
      </div>
      {tile.progress !== null && <KpiBar progress={tile.progress} target={tile.target} />}
      <div className="kpi-detail">
        {tile.target && <KpiTargetNote target={tile.target} />}
        {!tile.target && tile.fraction && <span>{t('kpi.fraction', tile.fraction)}</span>}
        {tile.maxAt && tile.maxAt.length > 0 && <span className="kpi-maxat">{t('kpi.highestAt', { station: tile.maxAt.join(', ') })}</span>}
      </div>
      <footer className="kpi-foot">
        <Freshness updated={tile.updated} stale={tile.stale} freshness={tile.freshness} />
      </footer>
    </article>
  );
}
