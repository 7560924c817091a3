import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../../app/hooks.ts';
import { Freshness } from '../../components/Freshness.tsx';
import { responseFreshness } from '../../dossiers/response-freshness.ts';
import { DIRECTIVE_BOARD_REFRESH_MS, directiveBoardQuery } from '../../queries/directives.queries.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { buildBoard } from './directives.model.ts';

/** The leader's directives that are overdue or due today, re-read on every directiveV1 push (useDirectivePushes). */
export function DirectivesBoardPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const { timeZone } = useCatalogue();
  const { now, offline } = useClock();
  const board = useQuery(directiveBoardQuery());
  const rows = useMemo(() => buildBoard(board.data, lang, timeZone), [board.data, lang, timeZone]);
  const fresh = responseFreshness(board.data?.serverTime, now, { offline, timeZone, refreshMs: DIRECTIVE_BOARD_REFRESH_MS });
  return (
    <section className={fresh.stale ? 'panel directive-board stale' : 'panel directive-board'} data-testid="directive-board">
      <div className="panel-head">
        <h2 className="panel-title">{t('score766.directives.heading')}</h2>
        <Freshness updated={fresh.updated} stale={fresh.stale} freshness={fresh.freshness} />
      </div>
      {board.data && rows.length === 0 ? (
        <div className="panel-empty">{t('score766.directives.none')}</div>
      ) : (
        <ul className="directive-list">
          {rows.map((r) => (
            <li key={r.id} className={`directive-row ${r.kind}`} data-testid={`directive-${r.id}`} data-kind={r.kind}>
              <div className="directive-line">
                <span className={`directive-kind ${r.kind}`}>{t(`score766.directives.${r.kind}`)}</span>
                <span className="directive-title">{r.title}</span>
              </div>
              <div className="directive-meta">
                {t('score766.directives.due', { time: r.dueText })}
                {r.lateText !== null && <b> · {t('score766.directives.late', { days: r.lateText })}</b>}
                {' · '}
                {r.units.map((u) => `${u.name}: ${t(`score766.directives.status.${u.status}`, { defaultValue: u.status })}`).join(' · ')}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
