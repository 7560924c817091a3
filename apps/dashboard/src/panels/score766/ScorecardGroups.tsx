import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScorecardGroupRow, ScorecardView } from './scorecard.model.ts';

/**
 * The six groups of the computed scorecard, each "points / maximum" ('— / 18' and "chưa có dữ
 * liệu" without data, never 0), the portal's score of the group beside it when published with the
 * signed difference computed − official (or "cổng DVC chưa công bố điểm nhóm" where the portal gave a
 * total but no group score), and the total "points / 100". `link` wraps a group's name (the drill-down), where the session may open it;
 * `action` is a control at the end of each group's row (the leader's "Giao chỉ đạo" on the wall), given only when the session has one.
 */
export function ScorecardGroups({
  view,
  link,
  selected,
  action,
  prefix = 'score766',
}: {
  view: ScorecardView;
  link?: ((group: ScorecardGroupRow, children: ReactNode) => ReactNode) | undefined;
  selected?: string | undefined;
  action?: ((group: ScorecardGroupRow) => ReactNode) | undefined;
  /** Of the test ids: two scenes show the scorecard, each with its own. */
  prefix?: string;
}) {
  const { t } = useTranslation();
  const hasOfficial = view.official !== null || view.groups.some((g) => g.officialText !== null);
  return (
    <>
      <ul
        className={['score-groups', hasOfficial ? 'has-official' : '', action ? 'has-action' : ''].filter(Boolean).join(' ')}
        data-testid={`${prefix}-groups`}
      >
        {view.groups.map((g) => (
          <li
            key={g.id}
            className={['score-group', g.noData ? 'not-computed' : '', g.id === selected ? 'selected' : ''].filter(Boolean).join(' ')}
            data-testid={`${prefix}-group-${g.id}`}
            data-points={g.points ?? undefined}
            data-max={g.max}
          >
            <div className="score-name">{link ? link(g, g.name) : g.name}</div>
            <div className="score-bar" aria-hidden="true">
              <span style={{ width: `${g.fraction * 100}%` }} />
            </div>
            <div className="score-value" data-testid={`${prefix}-group-value-${g.id}`}>
              <b>{g.pointsText}</b> / {g.maxText}
            </div>
            {hasOfficial && (
              <div className="score-official-cell">
                <span className="score-official-cell-label">{t('score766.officialGroup')}</span>
                <span className="score-official-cell-value">{g.officialText ?? '—'}</span>
                {g.difference?.kind === 'shown' && (
                  <span
                    className={`score-diff ${g.difference.value === null ? '' : g.difference.value < 0 ? 'below' : 'above'}`}
                    data-testid={`${prefix}-diff-${g.id}`}
                    data-difference={g.difference.value ?? undefined}
                  >
                    {t('score766.difference', { diff: g.difference.text })}
                  </span>
                )}
                {g.difference?.kind === 'unpublished' && (
                  <span className="score-diff none" data-testid={`${prefix}-diff-${g.id}`}>
                    {t('score766.groupUnpublished')}
                  </span>
                )}
              </div>
            )}
            <div className="score-sub">
              {g.noData && <span data-testid={`${prefix}-nodata-${g.id}`}>{t('score766.noData')}</span>}
              {g.partial && <span>{t('score766.partial')}</span>}
            </div>
            {action && <div className="score-action">{action(g)}</div>}
          </li>
        ))}
      </ul>
      <div className="score-totals">
        <div className="score-official" data-testid={`${prefix}-official`}>
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
        <div className="score-total" data-testid={`${prefix}-total`} data-points={view.total.points} data-max={view.total.max}>
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
