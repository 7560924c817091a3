import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/hooks.ts';
import type { UnitIndex } from '../../geo/units.ts';
import { reportView, type BoundaryReport } from './boundary-report.ts';
import { TableHead } from '../../components/TableHead.tsx';

/** Everything the server found in a boundary file, before (or instead of) storing it. Every text is React text. */
export function BoundaryReportView({ report, units }: { report: BoundaryReport; units: UnitIndex }) {
  const { t } = useTranslation();
  const lang = useLang();
  const v = useMemo(() => reportView(report, lang), [report, lang]);
  const name = (code: string | null) => (code ? units.name(code, lang) : '');
  const howLabel = (how: string) => {
    const key = `boundaries.how.${how}`;
    const label = t(key);
    return label === key ? how : label;
  };
  const tiles = [
    ['features', v.counts.features],
    ['matched', v.counts.matched],
    ['unmatched', v.counts.unmatched],
    ['duplicated', v.counts.duplicated],
    ['missing', v.counts.missing],
    ['errors', v.counts.errors],
    ['warnings', v.counts.warnings],
    ['repaired', v.counts.repaired],
  ] as const;
  return (
    <div className="bd-report" data-testid="boundary-report" data-ok={report.ok ? 'true' : 'false'}>
      <div className={report.ok ? 'bd-verdict ok' : 'bd-verdict bad'} data-testid="boundary-verdict">
        {report.ok ? t('boundaries.verdictOk') : t('boundaries.verdictBad', { count: v.counts.errors })}
      </div>
      <div className="bd-tiles">
        {tiles.map(([id, n]) => (
          <div key={id} className={`bd-tile bd-${id}`} data-testid={`boundary-count-${id}`} data-count={n}>
            <b>{n}</b>
            <span>{t(`boundaries.count.${id}`)}</span>
          </div>
        ))}
      </div>

      {v.issues.length > 0 && (
        <section>
          <h3 className="ex-sub">{t('boundaries.issues')}</h3>
          <table className="an-table bd-issues" data-testid="boundary-issues">
            <TableHead prefix="boundaries.col" columns={['severity', 'feature', 'rule', 'message', 'location']} />
            <tbody>
              {v.issues.map((i, k) => (
                <tr key={k} className={`sev-${i.severity}`} data-severity={i.severity} data-index={i.index ?? undefined}>
                  <td>
                    <span className={`bd-sev bd-sev-${i.severity}`}>{t(`boundaries.severity.${i.severity}`)}</span>
                  </td>
                  <td>
                    {i.index === null ? '—' : `#${i.index}`}
                    {i.code && <span className="an-code">{`${name(i.code)} · ${i.code}`}</span>}
                  </td>
                  <td className="an-code">{i.rule}</td>
                  <td>{i.message}</td>
                  <td className="an-code">{i.location ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {(report.unmatched.length > 0 || report.duplicated.length > 0 || report.missing.length > 0) && (
        <section className="bd-lists">
          <FeatureList
            id="unmatched"
            items={report.unmatched.map((u) => ({ text: `${u.index === null ? '' : `#${u.index} `}${u.name ?? u.code ?? ''}`, message: u.message }))}
          />
          <FeatureList
            id="duplicated"
            items={report.duplicated.map((u) => ({ text: u.code ? `${name(u.code)} · ${u.code}` : (u.name ?? ''), message: u.message }))}
          />
          {report.missing.length > 0 && (
            <div data-testid="boundary-missing">
              <h3 className="ex-sub">{t('boundaries.count.missing')}</h3>
              <ul className="bd-missing">
                {report.missing.map((c) => (
                  <li key={c} data-code={c}>
                    {name(c)} <span className="an-code">{c}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}

      {v.areas.length > 0 && (
        <details className="bd-details" open={v.areas.some((a) => a.off)}>
          <summary>{t('boundaries.areas', { count: v.areas.filter((a) => a.off).length })}</summary>
          <table className="an-table" data-testid="boundary-areas">
            <TableHead prefix="boundaries.col" columns={['unit', 'imported', 'registry', 'ratio']} />
            <tbody>
              {v.areas.map((a) => (
                <tr key={a.code} className={a.off ? 'bd-off' : undefined} data-code={a.code} data-off={a.off ? 'true' : undefined}>
                  <td>
                    {name(a.code)} <span className="an-code">{a.code}</span>
                  </td>
                  <td className="num">{a.imported}</td>
                  <td className="num">{a.registry}</td>
                  <td className="num">{a.ratio}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      {report.matched.length > 0 && (
        <details className="bd-details">
          <summary>{t('boundaries.matchedList', { count: report.matched.length })}</summary>
          <table className="an-table" data-testid="boundary-matched">
            <TableHead prefix="boundaries.col" columns={['feature', 'unit', 'how']} />
            <tbody>
              {report.matched.map((m) => (
                <tr key={`${m.index}:${m.code}`} data-code={m.code}>
                  <td>#{m.index}</td>
                  <td>
                    {name(m.code)} <span className="an-code">{m.code}</span>
                  </td>
                  <td>{howLabel(m.how)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

/** The features of one finding (unmatched, duplicated): what each is, and what the server said of it. */
function FeatureList({ id, items }: { id: 'unmatched' | 'duplicated'; items: readonly { text: string; message?: string | null | undefined }[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div data-testid={`boundary-${id}`}>
      <h3 className="ex-sub">{t(`boundaries.count.${id}`)}</h3>
      <ul>
        {items.map((u, k) => (
          <li key={k}>
            {u.text}
            {u.message && <span className="an-code">{u.message}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
