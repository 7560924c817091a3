import { useTranslation } from 'react-i18next';
import { Freshness } from '../../components/Freshness.tsx';
import type { ResponseFreshness } from '../../dossiers/response-freshness.ts';
import { KpiBar, KpiTargetNote } from '../kpi-tiles/KpiMeter.tsx';
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
      {f.progress !== null && <KpiBar progress={f.progress} target={f.target} />}
      <div className="kpi-detail">
        {f.target && <KpiTargetNote target={f.target} />}
        {!empty && f.details.map((d) => <span key={d.key}>{t(`admin.detail.${d.key}`, d.values)}</span>)}
      </div>
      <footer className="kpi-foot">
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </footer>
    </article>
  );
}
