import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { formatDateTime } from '../format/format.ts';
import { DirectiveDetail } from '../panels/directives/DirectiveDetail.tsx';
import { subjectText } from '../panels/directives/directive-form.model.ts';
import { awaitingUnits, listStatus, sortForLeader, type DirectivesShow } from '../panels/directives/directive-trail.model.ts';
import type { DirectivesSearch } from '../panels/directives/directives-page-state.ts';
import { directivesListQuery } from '../queries/directives.queries.ts';
import { Tabs } from '../components/fields.tsx';
import { PageShell } from '../shell/PageShell.tsx';

const SHOWS: readonly DirectivesShow[] = ['awaiting', 'open', 'closed'];

/**
 * The leader's follow-up of directives: the answers awaiting a decision (or every open or closed
 * directive), and the open one's trail per responsible unit with accept / return. Lists and the
 * open directive are re-read on every directiveV1 push (useDirectivePushes). All in the URL.
 */
export function DirectivesScreen({ search, setSearch }: PageProps<DirectivesSearch>) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const list = useQuery(directivesListQuery(listStatus(search.show)));
  const rows = useMemo(() => sortForLeader(list.data?.directives ?? []), [list.data]);
  return (
    <PageShell subtitle={t('score766.directives.leader.subtitle')} testId="directives-page">
      <div className="directives-page">
        <div className="directives-side">
          <h1 className="page-title">{t('score766.directives.leader.title')}</h1>
          <Tabs
            look="btn"
            options={SHOWS}
            value={search.show}
            onChange={(s) => setSearch({ show: s }, { replace: true })}
            optionLabel={(s) => t(`score766.directives.leader.show.${s}`)}
            testId="directives-show"
          />
          {list.isError && <div className="empty-state">{list.error.message}</div>}
          {list.data && rows.length === 0 && (
            <div className="empty-state" data-testid="directives-empty">
              {t(`score766.directives.leader.none.${search.show}`)}
            </div>
          )}
          <ul className="directive-list" data-testid="directives-list" data-show={search.show} data-count={list.data ? rows.length : undefined}>
            {rows.map((d) => {
              const waiting = awaitingUnits(d).length;
              return (
                <li key={d.id} className={d.id === search.id ? 'directive-row selected' : 'directive-row'}>
                  <button
                    type="button"
                    className="directive-pick"
                    onClick={() => setSearch({ id: d.id })}
                    data-testid={`directives-row-${d.id}`}
                    data-awaiting={waiting}
                  >
                    <span className="directive-line">
                      {d.overdue && <span className="directive-kind overdue">{t('score766.directives.overdue')}</span>}
                      <span className="directive-title">{d.title ?? d.text}</span>
                    </span>
                    <span className="directive-meta">
                      {t('score766.directives.due', { time: formatDateTime(d.dueAt, timeZone) })}
                      {waiting > 0 && <b> · {t('score766.directives.leader.awaiting', { count: waiting })}</b>}
                    </span>
                    <span className="directive-source" data-testid={`directives-source-${d.id}`} data-kind={d.subject.kind}>
                      {t('score766.directives.source', { subject: subjectText(d.subject, t) })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
        <div className="directives-main">
          {search.id ? <DirectiveDetail id={search.id} /> : <div className="empty-state">{t('score766.directives.leader.pick')}</div>}
        </div>
      </div>
    </PageShell>
  );
}
