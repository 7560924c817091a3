import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { Freshness } from '../../components/Freshness.tsx';
import type { ResponseFreshness } from '../../dossiers/response-freshness.ts';
import { buildScore766, type Score766Item } from './score766.model.ts';

/**
 * The Decision 766 points computed from dossier events, per group against what those indicators
 * can earn. Labelled on its face as not the official score.
 */
export function Score766Panel({ items, fresh }: { items: readonly Score766Item[] | undefined; fresh: ResponseFreshness }) {
  const { t } = useTranslation();
  const lang = useLang();
  const model = useMemo(() => buildScore766(items, lang), [items, lang]);
  return (
    <section className={fresh.stale ? 'panel score-panel stale' : 'panel score-panel'} data-testid="admin-score766">
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
        <>
          <ul className="score-groups">
            {model.groups.map((g) => (
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
            ))}
          </ul>
          <div className="score-total" data-testid="score766-total">
            <span>{t('admin.score.total')}</span>
            <b>{model.pointsText}</b>
            <span>/ {model.maxText}</span>
            <span className="score-of">{t('admin.score.of', { max: model.schemeMax })}</span>
          </div>
        </>
      )}
    </section>
  );
}
