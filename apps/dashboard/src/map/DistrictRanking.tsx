import { useTranslation } from 'react-i18next';
import type { RankingRow } from './district-ranking.ts';

/** The districts ranked by on-time rate, beside the map they colour. */
export function DistrictRanking({ rows, stale }: { rows: readonly RankingRow[]; stale: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={stale ? 'map-ranking stale' : 'map-ranking'} data-testid="district-ranking">
      <div className="legend-title">{t('map.ranking')}</div>
      <ol>
        {rows.map((r) => (
          <li key={r.code} className="rank-row" data-testid={`rank-${r.code}`}>
            <span className="rank-no">{r.rank ?? '—'}</span>
            <span className="rank-name">{r.name}</span>
            <span className="rank-bar">
              <span style={{ width: `${Math.max(0, Math.min(1, r.rate ?? 0)) * 100}%`, backgroundColor: r.color }} />
            </span>
            <span className="rank-value">{r.rateText}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
