import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { TableHead } from '../../components/TableHead.tsx';
import { paknWatchlistQuery } from '../../queries/pakn.queries.ts';
import { DirectiveIssueButton } from '../directives/DirectiveIssueDialog.tsx';
import { paknRows } from './pakn-watchlist.model.ts';

/**
 * The overdue and soon-due PAKN (phản ánh, kiến nghị) of the operator page's unit, beside its
 * dossiers; a leader issues a directive about one to the agency handling it (else its commune).
 */
export function PaknWatchlistPanel({ area, agency, unitName }: { area: string | null; agency: string | null; unitName: (code: string) => string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const q = useQuery(paknWatchlistQuery({ area, agency }));
  const rows = useMemo(() => paknRows(q.data, lang, timeZone), [q.data, lang, timeZone]);
  return (
    <section className="pakn-watch" data-testid="pakn-watchlist" data-count={q.data ? rows.length : undefined}>
      <h2 className="page-title">{t('score766.pakn.heading')}</h2>
      {q.isError && !q.data ? (
        <div className="empty-state error">{q.error.message}</div>
      ) : !q.data ? (
        <div className="empty-state">{t('app.loading')}</div>
      ) : rows.length === 0 ? (
        <div className="empty-state good">{t('score766.pakn.none')}</div>
      ) : (
        <div className="table-wrap">
          <table className="wl-table">
            <TableHead prefix="score766" columns={['pakn.title', 'items.unit', 'items.received', 'pakn.due', 'items.status', '']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={`wl-row kind-${r.kind}`} data-testid={`pakn-${r.id}`} data-kind={r.kind}>
                  <td className="pakn-title">{r.title}</td>
                  <td>{unitName(r.adminUnitCode)}</td>
                  <td>{r.receivedText}</td>
                  <td>
                    {r.dueText} <span className={`days-chip ${r.kind}`}>{t(`score766.pakn.days.${r.kind}`, { days: r.daysText })}</span>
                  </td>
                  <td>{t(`score766.paknStatus.${r.status}`, { defaultValue: r.status })}</td>
                  <td>
                    <DirectiveIssueButton subject={{ kind: 'pakn', id: r.id, label: r.title }} units={r.directiveUnit} testId={`pakn-${r.id}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
