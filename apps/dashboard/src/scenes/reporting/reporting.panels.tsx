import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import { TableHead } from '../../components/TableHead.tsx';
import type { PanelProps } from '../../panels/panel.ts';
import { reportingQueries } from './scene-queries.ts';
import { periodBounds, periodLabel } from '@cityioc/domain';
import { formatIsoDate } from '../../format/format.ts';
import { dayBeforeLatestChange } from '../../geo/units.ts';
import { areasQuery } from '../../queries/geo.queries.ts';
import { followedMonth, lateGroups, lateUnits, latestPeriodOf, rankingView, targetRows, type RankingView } from './reporting.model.ts';

/**
 * "Báo cáo": the reporting system (Decree 09). The city's indicators at their latest reported
 * period against their targets, the PAR INDEX rankings of departments and districts, and the units
 * late with this month's report. Every value is a published report, labelled with its period: the
 * scene never presents it as a live measurement. Text is rendered as React text, never as HTML.
 */
/** Names listed per kind of unit in a group of late units; the rest are counted. */
const LATE_NAMES = 24;
/** Names shown over all the groups' lines: with many lines each lists fewer (never under 6), so the list fits its panel. */
const LATE_NAMES_TOTAL = 48;

/** The last local day of a period key, yyyy-mm-dd. */
function periodEndDay(period: string): string {
  const b = periodBounds(period)!;
  return new Date(b.end - 1 + 7 * 3_600_000).toISOString().slice(0, 10);
}

function addDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function ReportingHead() {
  const { t } = useTranslation();
  return (
    <div className="scene-head" data-testid="reporting-head">
      <h2 className="scene-title">{t('reporting.heading')}</h2>
      <span className="scene-note">{t('reporting.note')}</span>
    </div>
  );
}

export function ReportingTargets({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = reportingQueries(ctx);
  const cat = useQuery(q.catalogue);
  const latest = useQuery(q.latest);
  // the period's age moves by the day at most: the rows are rebuilt with the day, not with every tick
  const day = Math.floor(ctx.now / 86_400_000);
  const targets = useMemo(() => {
    const rows = targetRows(latest.data?.rows ?? [], cat.data, lang, { now: day * 86_400_000, timeZone: ctx.timeZone });
    // current figures first; the outdated ones below one line that says so, greyed out
    return [...rows.filter((r) => !r.outdated), ...rows.filter((r) => r.outdated)];
  }, [latest.data, cat.data, lang, day, ctx.timeZone]);
  const firstOutdated = targets.findIndex((r) => r.outdated);
  return (
    <section className="panel reporting-targets" data-testid="reporting-targets">
      <h3 className="panel-title">{t('reporting.targets')}</h3>
      {targets.length === 0 && <p className="reporting-empty">{t('reporting.noData')}</p>}
      <table>
        <TableHead prefix="reporting" columns={['indicator', 'period', 'value', 'target', 'verdict']} />
        <tbody>
          {targets.map((r, i) => [
            i === firstOutdated && (
              <tr key="outdated" className="outdated-head" data-testid="reporting-outdated-head">
                <td colSpan={5}>{t('reporting.outdated')}</td>
              </tr>
            ),
            <tr
              key={r.indicator}
              data-indicator={r.indicator}
              data-verdict={r.verdict}
              data-outdated={r.outdated}
              className={r.outdated ? 'is-outdated' : undefined}
            >
              <td>{r.name}</td>
              <td className="period" title={r.until ? t('reporting.until', { date: r.until }) : undefined}>
                {r.period}
              </td>
              <td className="num">
                {r.value}
                {r.parts && <small className="parts">{r.parts}</small>}
              </td>
              <td className="num">{r.target}</td>
              <td>
                <span className={`verdict verdict-${r.verdict}`}>{t(`reporting.verdicts.${r.verdict}`)}</span>
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </section>
  );
}

function Ranking({ title, view, testId }: { title: string; view: RankingView | null; testId: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel reporting-ranking" data-testid={testId}>
      <h3 className="panel-title">{title}</h3>
      {view ? (
        <>
          <div className="reporting-summary">
            <span data-testid={`${testId}-average`}>
              {t('reporting.average')}: <strong>{view.average}</strong>
            </span>
            {view.threshold && <span data-testid={`${testId}-threshold`}>{view.threshold}</span>}
          </div>
          <ol className="reporting-list">
            {view.rows.map((r) => (
              <li key={r.unit} className={r.illustrative ? 'is-illustrative' : undefined}>
                <span className="rank">{r.rank}</span>
                <span className="name">{r.name}</span>
                <span className="value">{r.value}</span>
                {r.illustrative && (
                  <span className="tag" title={t('reporting.illustrativeNote')}>
                    {t('reporting.illustrative')}
                  </span>
                )}
              </li>
            ))}
          </ol>
          {view.illustrative > 0 && <p className="reporting-note">{t('reporting.illustrativeCount', { count: view.illustrative, total: view.count })}</p>}
        </>
      ) : (
        <p className="reporting-empty">{t('reporting.noData')}</p>
      )}
    </section>
  );
}

function ParRanking({ ctx, group }: PanelProps & { group: 'departments' | 'districts' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const latest = useQuery(reportingQueries(ctx).latest);
  const parPeriod = latestPeriodOf(latest.data?.rows ?? [], 'par_index');
  // A period before today's units came into force ranks the units of then (districts): say so, and ask for them.
  const areas = useQuery(areasQuery());
  const lastOld = dayBeforeLatestChange(areas.data);
  const before = parPeriod !== null && lastOld !== null && periodBounds(parPeriod) !== null && periodEndDay(parPeriod) <= lastOld;
  const ranking = useQuery(reportingQueries(ctx, parPeriod, before ? 'district' : 'commune')[group]);
  const title =
    group === 'departments'
      ? t('reporting.parDepartments')
      : before
        ? t('reporting.parDistrictsBefore', { date: formatIsoDate(addDay(lastOld!)) })
        : t('reporting.parDistricts');
  return (
    <Ranking
      title={`${title} ${parPeriod ? periodLabel(parPeriod, lang) : ''}`}
      view={rankingView(ranking.data, lang)}
      testId={group === 'departments' ? 'reporting-rank-dept' : 'reporting-rank-district'}
    />
  );
}

export const ReportingRankDepartments = ({ ctx }: PanelProps) => <ParRanking ctx={ctx} group="departments" />;
export const ReportingRankDistricts = ({ ctx }: PanelProps) => <ParRanking ctx={ctx} group="districts" />;

export function ReportingLate({ ctx }: PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const month = followedMonth(ctx.now, ctx.timeZone);
  const status = useQuery(reportingQueries(ctx).status);
  const groups = useMemo(() => lateGroups(lateUnits(status.data)), [status.data]);
  // one line of names per kind of unit in each group: the budget is shared by the lines
  const lines = groups.reduce((n, g) => n + g.byKind.length, 0);
  const names = Math.min(LATE_NAMES, Math.max(6, Math.floor(LATE_NAMES_TOTAL / Math.max(1, lines))));
  const counts = status.data?.counts;
  return (
    <section className="panel reporting-late" data-testid="reporting-late">
      <h3 className="panel-title">
        {t('reporting.late')} — {periodLabel(month, lang)}
      </h3>
      {counts && (
        <p className="reporting-summary" data-testid="reporting-late-counts">
          {t('reporting.counts', {
            onTime: counts.submitted_on_time + counts.accepted,
            late: counts.submitted_late,
            overdue: counts.overdue,
            due: counts.due,
          })}
        </p>
      )}
      <ul className="late-groups">
        {groups.map((g) => (
          <li key={`${g.status}-${g.daysLate}`} data-status={g.status} data-days-late={g.daysLate ?? undefined} data-count={g.units.length}>
            <div className="late-group-head">
              <span className={`verdict status-${g.status}`}>{t(`reporting.status.${g.status}`)}</span>
              {g.daysLate !== null && <span className="value">{t('reporting.daysLate', { count: g.daysLate })}</span>}
              <span className="late-count">{t('reporting.unitCount', { count: g.units.length })}</span>
            </div>
            {g.byKind.map((k) => (
              <p className="late-names" key={k.kind} data-kind={k.kind}>
                <span className="late-kind">{t(`reporting.kind.${k.kind}`, { count: k.units.length })}</span>{' '}
                {k.units
                  .slice(0, names)
                  .map((u) => u.name)
                  .join(', ')}
                {k.units.length > names && ` ${t('reporting.more', { count: k.units.length - names })}`}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
