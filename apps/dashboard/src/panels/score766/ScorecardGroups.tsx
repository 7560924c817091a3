import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScorecardGroupRow, ScorecardView } from './scorecard.model.ts';

/**
 * The six groups of the computed scorecard, each "points / maximum" ('— / 18' and "chưa có dữ
 * liệu" without data, never 0), the portal's score of the group beside it when published, and the
 * total "points / 100". `link` wraps a group's name (the drill-down), where the session may open it.
 */
export function ScorecardGroups({
  view,
  link,
  selected,
}: {
  view: ScorecardView;
  link?: ((group: ScorecardGroupRow, children: ReactNode) => ReactNode) | undefined;
  selected?: string | undefined;
}) {
  const { t } = useTranslation();
  const hasOfficial = view.groups.some((g) => g.officialText !== null);
  return (
    <>
      <ul className={hasOfficial ? 'score-groups has-official' : 'score-groups'} data-testid="score766-groups">
        {view.groups.map((g) => (
          <li
            key={g.id}
            className={['score-group', g.noData ? 'not-computed' : '', g.id === selected ? 'selected' : ''].filter(Boolean).join(' ')}
            data-testid={`score766-group-${g.id}`}
            data-points={g.points ?? undefined}
            data-max={g.max}
          >
            <div className="score-name">{link ? link(g, g.name) : g.name}</div>
            <div className="score-bar" aria-hidden="true">
              <span style={{ width: `${g.fraction * 100}%` }} />
            </div>
            <div className="score-value" data-testid={`score766-group-value-${g.id}`}>
              <b>{g.pointsText}</b> / {g.maxText}
            </div>
            {hasOfficial && (
              <div className="score-official-cell">
                <span className="score-official-cell-label">{t('score766.officialGroup')}</span>
                <span className="score-official-cell-value">{g.officialText ?? '—'}</span>
              </div>
            )}
            <div className="score-sub">
              {g.noData && <span data-testid={`score766-nodata-${g.id}`}>{t('score766.noData')}</span>}
              {g.partial && <span>{t('score766.partial')}</span>}
            </div>
          </li>
        ))}
      </ul>
      <div className="score-totals">
        <div className="score-official" data-testid="score766-official">
          <span className="score-official-label">{t('score766.official')}</span>
          {view.official ? (
            <>
              <span>
                {' · '}
                {view.official.periodText}:{' '}
              </span>
              <b>{view.official.totalText}</b>
              <span>/100</span>
              {view.official.rankText !== null && <span> · {t('score766.officialRank', { rank: view.official.rankText })}</span>}
              <div className="score-official-meta">{t('fresh.updated', { time: view.official.fetchedText })}</div>
            </>
          ) : (
            <span className="score-official-none"> {t('score766.officialNone')}</span>
          )}
        </div>
        <div className="score-total" data-testid="score766-total" data-points={view.total.points} data-max={view.total.max}>
          <span>{t('score766.total')}</span>
          <b>{view.total.pointsText}</b>
          <span>/ {view.total.maxText}</span>
          {view.total.missingGroups.length > 0 && (
            <span className="score-of">{t('score766.missingGroups', { groups: view.total.missingGroups.join(', ') })}</span>
          )}
        </div>
      </div>
    </>
  );
}
