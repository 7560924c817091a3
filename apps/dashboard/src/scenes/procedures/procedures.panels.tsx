import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { Segmented } from '../../components/fields.tsx';
import { Freshness } from '../../components/Freshness.tsx';
import { periodLabel, type DossierPeriodKind } from '@cityioc/domain';
import { responseFreshness } from '../../dossiers/response-freshness.ts';
import type { PanelContext, PanelProps } from '../../panels/panel.ts';
import { onTimeBars } from '../../panels/procedures-ranking/procedures-ranking.model.ts';
import { RankingPanel } from '../../panels/procedures-ranking/RankingPanel.tsx';
import { FigureTile } from '../../panels/procedures-summary/FigureTile.tsx';
import { buildProcedureFigures, PROCEDURE_COUNT_FIGURES } from '../../panels/procedures-summary/procedures-summary.model.ts';
import { ScorecardPanel } from '../../panels/score766/ScorecardPanel.tsx';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { indexUnits } from '../../geo/units.ts';
import { useNames } from '../../names/useNames.ts';
import { areasQuery } from '../../queries/geo.queries.ts';
import { proceduresQueries } from './scene-queries.ts';

/** The kinds the wall offers, shortest first (no halves). */
const SCREEN_PERIOD_KINDS: readonly DossierPeriodKind[] = ['month', 'quarter', 'year'];

/**
 * "Hành chính công": the city's public-service dossiers for the current month (or quarter, or
 * year, ?period= on the wall), from the dossier indicators API, re-read every minute and after
 * dossier deltas. Each panel reads what it needs; react-query shares the requests.
 */

function useByArea(ctx: PanelContext) {
  const { now, offline } = useClock();
  const { timeZone } = useCatalogue();
  const q = proceduresQueries({ ...ctx, now, timeZone });
  const byArea = useQuery(q.byArea);
  return { period: q.period, data: byArea.data, fresh: responseFreshness(byArea.data?.asOf, now, { offline, timeZone }) };
}

/** Unit names from the registry of today (GET /api/v1/areas), else the catalogue's, else the code. */
function useAreaName(): (code: string) => string {
  const { index } = useCatalogue();
  const lang = useLang();
  const areas = useQuery(areasQuery());
  return useMemo(() => {
    const units = indexUnits(areas.data);
    const names = new Map((index?.catalogue.areas ?? []).map((a) => [a.code, a.name]));
    return (code: string) => (units.get(code) ? units.name(code, lang) : (names.get(code) ?? code));
  }, [index, areas.data, lang]);
}

export function ProceduresHead({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { period, data, fresh } = useByArea(ctx);
  const shown = data?.period ?? period;
  return (
    <div className="scene-head" data-testid="procedures-head" data-period={shown}>
      <h2 className="scene-title">{t('admin.heading')}</h2>
      <span className="scene-period" data-testid="procedures-period">
        {periodLabel(shown, lang)}
      </span>
      <span className="scene-note">{t('admin.receptionNote')}</span>
      <Segmented
        label={t('period.label')}
        options={SCREEN_PERIOD_KINDS}
        value={ctx.period}
        onChange={(k) => ctx.setPeriod(k === 'quarter' || k === 'year' ? k : 'month')}
        optionLabel={(k) => t(`period.${k}`)}
        testId="procedures-kind"
      />
      <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
    </div>
  );
}

function Figures({ ctx, counts }: PanelProps & { counts: boolean }) {
  const lang = useLang();
  const { data, fresh } = useByArea(ctx);
  const figures = useMemo(() => buildProcedureFigures(data?.total, lang), [data, lang]);
  const shown = figures.filter((f) => PROCEDURE_COUNT_FIGURES.includes(f.id) === counts);
  const kind = counts ? 'counts' : 'rates';
  return (
    <section className={`procedures-figures procedures-${kind}`} data-testid={`procedures-${kind}`}>
      {shown.map((f) => (
        <FigureTile key={f.id} figure={f} fresh={fresh} />
      ))}
    </section>
  );
}

export const ProcedureCounts = ({ ctx }: PanelProps) => <Figures ctx={ctx} counts />;
export const ProcedureRates = ({ ctx }: PanelProps) => <Figures ctx={ctx} counts={false} />;

/** The Decision 766 points: the server's scorecard (GET /api/v1/score766), the very numbers the 766 scene shows. */
export const ProceduresScore766 = ({ ctx }: PanelProps) => <ScorecardPanel ctx={ctx} testId="procedures-score766" prefix="procedures-score766" disclaimer />;

export function ProceduresRankDistricts({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, fresh } = useByArea(ctx);
  const areaName = useAreaName();
  const bars = useMemo(() => onTimeBars(data?.rows ?? [], areaName, lang), [data, areaName, lang]);
  return (
    <RankingPanel title={t('admin.ranking.districts')} bars={bars} fresh={fresh} loaded={data !== undefined} testId="procedures-rank-districts" maxRows={12} />
  );
}

export function ProceduresRankAgencies({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { now, offline } = useClock();
  const { timeZone } = useCatalogue();
  const byAgency = useQuery(proceduresQueries({ ...ctx, now, timeZone }).byAgency);
  const fresh = responseFreshness(byAgency.data?.asOf, now, { offline, timeZone });
  const { agencies } = useNames();
  const bars = useMemo(() => onTimeBars(byAgency.data?.rows ?? [], (k) => agencies.label(k, lang), lang), [byAgency.data, agencies, lang]);
  return (
    <RankingPanel
      title={t('admin.ranking.agencies')}
      bars={bars}
      fresh={fresh}
      loaded={byAgency.data !== undefined}
      testId="procedures-rank-agencies"
      maxRows={12}
    />
  );
}
