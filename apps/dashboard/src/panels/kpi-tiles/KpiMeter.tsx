import { useTranslation } from 'react-i18next';
import type { KpiTarget } from './kpi-tiles.model.ts';

/** The bar under a tile's value: how far it goes (0–1) and the target's mark on it. Shared by the KPI tiles and the procedure figures. */
export function KpiBar({ progress, target }: { progress: number; target: KpiTarget | null }) {
  return (
    <div className="kpi-bar" aria-hidden="true">
      <div className="kpi-bar-fill" style={{ width: `${progress * 100}%` }} />
      {target && <div className="kpi-bar-target" style={{ left: `${target.fraction * 100}%` }} />}
    </div>
  );
}

/** "Mục tiêu 50 % · Đạt": the target and, when known, whether it is met. */
export function KpiTargetNote({ target }: { target: KpiTarget }) {
  const { t } = useTranslation();
  return (
    <span className={target.met ? 'target target-met' : target.met === false ? 'target target-missed' : 'target'}>
      {t('kpi.target', { value: target.text })}
      {target.met !== null && <b>{target.met ? ` · ${t('kpi.met')}` : ` · ${t('kpi.notMet')}`}</b>}
    </span>
  );
}
