import { useTranslation } from 'react-i18next';
import { Freshness } from '../../components/Freshness.tsx';
import type { ResponseFreshness } from '../../dossiers/response-freshness.ts';
import type { ProcedureFigure } from './procedures-summary.model.ts';

/** One figure of the admin scene, in the wall's KPI tile style, with the response's freshness. */
export function FigureTile({ figure: f, fresh }: { figure: ProcedureFigure; fresh: ResponseFreshness }) {
  const { t } = useTranslation();
  const empty = f.raw === null;
  const cls = ['kpi', 'kpi-procedures', `fig-${f.kind}`, fresh.stale ? 'stale' : '', empty ? 'empty' : '', f.tone ? `tone-${f.tone}` : '']
    .filter(Boolean)
    .join(' ');
  const unit = f.kind === 'count' ? t('admin.unit.dossiers') : f.kind === 'days' ? t('admin.unit.days') : null;
  return (
    <article className={cls} data-testid={`procedures-${f.id}`} data-raw-value={f.raw ?? undefined} data-freshness={fresh.freshness}>
      <h3 className="kpi-label">{t(`admin.figure.${f.id}`)}</h3>
      <div className="kpi-value-row">
        <span className="kpi-value" data-testid={`procedures-value-${f.id}`}>
          {f.valueText}
          {f.suffix && <span className="kpi-suffix">{f.suffix}</span>}
        </span>
        {unit && !empty && <span className="kpi-unit">{unit}</span>}
      </div>
      {f.progress !== null && (
        <div className="kpi-bar" aria-hidden="true">
          <div className="kpi-bar-fill" style={{ width: `${f.progress * 100}%` }} />
          {f.target && <div className="kpi-bar-target" style={{ left: `${f.target.fraction * 100}%` }} />}
        </div>
      )}
      <div className="kpi-detail">
        {f.target && (
          <span className={f.target.met ? 'target target-met' : f.target.met === false ? 'target target-missed' : 'target'}>
            {t('admin.target', { value: f.target.text })}
            {f.target.met !== null && <b>{f.target.met ? ` · ${t('admin.met')}` : ` · ${t('admin.notMet')}`}</b>}
          </span>
        )}
        {!empty && f.details.map((d) => <span key={d.key}>{t(`admin.detail.${d.key}`, d.values)}</span>)}
      </div>
      <footer className="kpi-foot">
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </footer>
    </article>
  );
}
