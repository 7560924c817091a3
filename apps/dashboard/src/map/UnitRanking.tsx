import { useTranslation } from 'react-i18next';
import type { RankingRow, TopBottom } from './unit-ranking.ts';

function Rows({ rows }: { rows: readonly RankingRow[] }) {
  return (
    <ol>
      {rows.map((r) => (
        <li key={r.code} className="rank-row" data-testid={`rank-${r.code}`} data-rank={r.rank ?? undefined}>
          <span className="rank-no">{r.rank ?? '—'}</span>
          <span className="rank-chip" style={{ backgroundColor: r.color }} />
          <span className="rank-name">{r.name}</span>
          <span className="rank-value">{r.rateText}</span>
        </li>
      ))}
    </ol>
  );
}

/** The best and the worst units on the map's KPI, beside the map they colour: names as page text. */
export function UnitRanking({ ranking, title, stale }: { ranking: TopBottom; title: string; stale: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={stale ? 'map-ranking stale' : 'map-ranking'} data-testid="unit-ranking" data-ranked={ranking.ranked}>
      <div className="legend-title">{title}</div>
      <div className="rank-group" data-testid="rank-top">
        <div className="rank-group-title">{t('map.rankTop', { count: ranking.top.length, total: ranking.ranked })}</div>
        <Rows rows={ranking.top} />
      </div>
      {ranking.bottom.length > 0 && (
        <div className="rank-group" data-testid="rank-bottom">
          <div className="rank-group-title">{t('map.rankBottom', { count: ranking.bottom.length, total: ranking.ranked })}</div>
          <Rows rows={ranking.bottom} />
        </div>
      )}
    </div>
  );
}
