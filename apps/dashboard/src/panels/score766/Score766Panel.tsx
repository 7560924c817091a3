import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { Freshness } from '../../components/Freshness.tsx';
import type { ResponseFreshness } from '../../dossiers/response-freshness.ts';
import { MISSING } from '../../format/format.ts';
import type { Official766View } from './official.model.ts';
import { buildScore766, type Score766Item } from './score766.model.ts';

/**
 * The official score the national portal published, in its own box: never added to the computed
 * points. `official` undefined while it loads, null when there is none.
 */
function OfficialTotal({ official }: { official: Official766View | null | undefined }) {
  const { t } = useTranslation();
  if (official === null) {
    return (
      <div className="score-official none" data-testid="score766-official">
        <span className="score-official-label">{t('admin.score.official.label')}</span>
        <span className="score-official-none">{t('admin.score.official.none')}</span>
      </div>
    );
  }
  if (official === undefined) {
    return (
      <div className="score-official none" data-testid="score766-official">
        <span className="score-official-label">{t('admin.score.official.label')}</span>
        <span className="score-official-none">{MISSING}</span>
      </div>
    );
  }
  return (
    <div className="score-official" data-testid="score766-official" data-period={official.period} data-total={official.total}>
      <div className="score-official-line">
        <span className="score-official-label">{t('admin.score.official.label')}</span>
        <span> · {t('admin.score.official.period', { period: official.periodText })}: </span>
        <b>{official.totalText}</b>
        <span>/100</span>
        {official.rankText !== null && <span> · {t('admin.score.official.rank', { rank: official.rankText })}</span>}
      </div>
      <div className="score-official-meta">
        <span>{t('fresh.updated', { time: official.fetchedText })}</span>
        {!official.matchesKind && <span> · {t('admin.score.official.latest')}</span>}
      </div>
    </div>
  );
}

/**
 * The Decision 766 points computed from dossier events, per group against what those indicators
 * can earn. Labelled on its face as not the official score; the official score, when the portal
 * published one, stands beside it as its own series.
 */
export function Score766Panel({
  items,
  fresh,
  official,
}: {
  items: readonly Score766Item[] | undefined;
  fresh: ResponseFreshness;
  official?: Official766View | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const model = useMemo(() => buildScore766(items, lang), [items, lang]);
  const officialGroups = official ? official.groups : null;
  return (
    <section className={fresh.stale ? 'panel score-panel stale' : 'panel score-panel'} data-testid="procedures-score766">
      <div className="panel-head">
        <h2 className="panel-title">{t('admin.score.heading')}</h2>
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </div>
      <div className="score-disclaimer" data-testid="score766-disclaimer">
        {t('admin.score.disclaimer')}
      </div>
      {model.groups.length === 0 ? (
        <div className="panel-empty">{t('admin.score.none')}</div>
      ) : (
        <ul className={officialGroups ? 'score-groups has-official' : 'score-groups'}>
          {model.groups.map((g) => {
            const o = officialGroups?.[g.id];
            return (
              <li
                key={g.id}
                className={g.computed ? 'score-group' : 'score-group not-computed'}
                data-testid={`score-${g.id}`}
                data-points={g.computed ? g.points : undefined}
                data-max={g.computed ? g.maxPoints : undefined}
              >
                <div className="score-name">{g.name}</div>
                <div className="score-bar" aria-hidden="true">
                  <span style={{ width: `${(g.fraction ?? 0) * 100}%` }} />
                </div>
                <div className="score-value">
                  <b>{g.pointsText}</b> / {g.maxText}
                </div>
                {officialGroups && (
                  <div className="score-official-cell" data-testid={`score-official-${g.id}`} data-official={o?.score}>
                    <span className="score-official-cell-label">{t('admin.score.official.column')}</span>
                    <span className="score-official-cell-value">{o ? o.text : MISSING}</span>
                  </div>
                )}
                <div className="score-sub">
                  {!g.computed && <span>{t('admin.score.notComputed')}</span>}
                  {g.indicators.map((i) => (
                    <span key={i.indicator} className="score-ind">
                      {i.indicator} {i.name}: {i.ratioText}
                    </span>
                  ))}
                  {g.partial && g.groupMax !== null && <span className="score-max">({t('admin.score.groupMax', { max: g.groupMax })})</span>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="score-totals">
        <OfficialTotal official={official} />
        {model.groups.length > 0 && (
          <div className="score-total" data-testid="score766-total">
            <span>{t('admin.score.total')}</span>
            <b>{model.pointsText}</b>
            <span>/ {model.maxText}</span>
            <span className="score-of">{t('admin.score.of', { max: model.schemeMax })}</span>
          </div>
        )}
      </div>
    </section>
  );
}
