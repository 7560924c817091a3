import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CITY_SCOPE, useCatalogue, useLang } from '../../app/hooks.ts';
import { useSearchParams } from '../../app/router.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { periodKey, periodLabel, type DossierPeriodKind as PeriodKind } from '@cityioc/domain';
import { responseFreshness } from '../../dossiers/response-freshness.ts';
import { ADMIN_COUNT_FIGURES, buildAdminFigures } from '../../panels/admin-summary/admin-summary.model.ts';
import { FigureTile } from '../../panels/admin-summary/FigureTile.tsx';
import { onTimeBars } from '../../panels/admin-ranking/admin-ranking.model.ts';
import { RankingPanel } from '../../panels/admin-ranking/RankingPanel.tsx';
import { buildOfficial766 } from '../../panels/score766/official.model.ts';
import { Score766Panel } from '../../panels/score766/Score766Panel.tsx';
import { indicatorsQuery } from '../../queries/dossiers.queries.ts';
import { officialScoresQuery } from '../../queries/score766.queries.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';

/** The kinds the wall offers, shortest first (no halves). */
const SCREEN_PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/** ?period=quarter|year on the wall; the current month otherwise. */
function kindFromParam(value: string | null): PeriodKind {
  return value === 'quarter' || value === 'year' ? value : 'month';
}

/**
 * "Hành chính công": the city's administrative procedures for the current month (or quarter, or
 * year), from the dossier indicators API, re-read every minute and after dossier deltas.
 */
export function AdminScene({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { now, offline } = useClock();
  const [params, setParams] = useSearchParams();
  const kind = kindFromParam(params.get('period'));
  const period = periodKey(kind, now);
  const byArea = useQuery(indicatorsQuery({ period, scope: CITY_SCOPE, by: 'area' }));
  const byAgency = useQuery(indicatorsQuery({ period, scope: CITY_SCOPE, by: 'agency' }));
  const officialQuery = officialScoresQuery();
  const officialUnit = officialQuery.queryKey[2];
  const officialScores = useQuery(officialQuery);

  const areaData = byArea.data;
  const figures = useMemo(() => buildAdminFigures(areaData?.total, lang), [areaData, lang]);
  const fresh = responseFreshness(areaData?.asOf, now, { offline, timeZone });
  const agencyFresh = responseFreshness(byAgency.data?.asOf, now, { offline, timeZone });
  const officialData = officialScores.data;
  // undefined until the series has been read (or while it cannot be); null when it holds no score.
  const official = useMemo(
    () => (officialData === undefined ? undefined : buildOfficial766(officialData.scores, kind, lang, { unitCode: officialUnit, timeZone })),
    [officialData, kind, lang, officialUnit, timeZone],
  );

  const areaName = useMemo(() => {
    const names = new Map((index?.catalogue.areas ?? []).map((a) => [a.code, a.name]));
    return (code: string) => names.get(code) ?? code;
  }, [index]);
  const districtBars = useMemo(() => onTimeBars(areaData?.rows ?? [], areaName, lang), [areaData, areaName, lang]);
  const agencyBars = useMemo(() => onTimeBars(byAgency.data?.rows ?? [], (k) => k, lang), [byAgency.data, lang]);

  const counts = figures.filter((f) => ADMIN_COUNT_FIGURES.includes(f.id));
  const rates = figures.filter((f) => !ADMIN_COUNT_FIGURES.includes(f.id));

  return (
    <main
      className={active ? 'scene admin-scene' : 'scene admin-scene is-hidden'}
      aria-hidden={!active}
      data-testid="scene-admin"
      data-active={active}
      data-period={areaData?.period ?? period}
    >
      <div className="admin-head">
        <h2 className="admin-title">{t('admin.heading')}</h2>
        <span className="admin-period" data-testid="admin-period">
          {periodLabel(areaData?.period ?? period, lang)}
        </span>
        <span className="admin-note">{t('admin.receptionNote')}</span>
        <div className="seg" role="group" aria-label={t('period.label')}>
          {SCREEN_PERIOD_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={k === kind ? 'seg-btn active' : 'seg-btn'}
              aria-pressed={k === kind}
              onClick={() => setParams({ period: k === 'month' ? null : k }, { replace: true })}
              data-testid={`admin-kind-${k}`}
            >
              {t(`period.${k}`)}
            </button>
          ))}
        </div>
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </div>
      <div className="admin-grid">
        <div className="admin-left">
          <section className="admin-figures admin-counts" data-testid="admin-counts">
            {counts.map((f) => (
              <FigureTile key={f.id} figure={f} fresh={fresh} />
            ))}
          </section>
          <section className="admin-figures admin-rates" data-testid="admin-rates">
            {rates.map((f) => (
              <FigureTile key={f.id} figure={f} fresh={fresh} />
            ))}
          </section>
          <Score766Panel items={areaData?.score766} fresh={fresh} official={official} />
        </div>
        <div className="admin-right">
          <RankingPanel
            title={t('admin.ranking.districts')}
            bars={districtBars}
            fresh={fresh}
            loaded={areaData !== undefined}
            testId="admin-rank-districts"
            maxRows={12}
          />
          <RankingPanel
            title={t('admin.ranking.agencies')}
            bars={agencyBars}
            fresh={agencyFresh}
            loaded={byAgency.data !== undefined}
            testId="admin-rank-agencies"
            maxRows={12}
          />
        </div>
      </div>
    </main>
  );
}
