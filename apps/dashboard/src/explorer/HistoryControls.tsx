import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../format/format.ts';
import { HISTORY_VIEWS, type HistoryView } from './explorer-state.ts';
import { Segmented } from '../components/fields.tsx';
import { ViDateField } from '../components/ViDateField.tsx';

/**
 * "Theo đơn vị hiện nay / Như thời điểm đó" and the "as of" date (dd/mm/yyyy whatever the browser's locale): which units the page shows (those
 * in force on the date) and how history is computed (re-aggregated onto today's units, or as it
 * was recorded). A date before a reorganisation shows the units of then.
 */
export function HistoryControls(props: {
  view: HistoryView;
  /** The date asked, or null for today. */
  asOf: string | null;
  today: string;
  /** The units on screen are not today's (a date before a reorganisation). */
  historical: boolean;
  onView: (view: HistoryView) => void;
  onAsOf: (date: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="ex-history" data-testid="explorer-history" data-view={props.view} data-historical={props.historical ? 'true' : 'false'}>
      <Segmented
        label={t('explorer.view.label')}
        options={HISTORY_VIEWS}
        value={props.view}
        onChange={props.onView}
        optionLabel={(v) => t(`explorer.view.${v === 'today' ? 'today' : 'asItWas'}`)}
        testId="explorer-view"
      />
      <ViDateField
        inline
        label={t('explorer.asOf')}
        value={props.asOf ?? props.today}
        max={props.today}
        onChange={(d) => props.onAsOf(d === props.today ? null : d)}
        testId="explorer-asof"
      />
      {props.asOf !== null && (
        <button type="button" className="link-btn" onClick={() => props.onAsOf(null)} data-testid="explorer-asof-today">
          {t('explorer.asOfToday')}
        </button>
      )}
      {props.historical && props.asOf && (
        <span className="ex-historical" data-testid="explorer-historical">
          {t('explorer.historical', { date: formatIsoDate(props.asOf) })}
        </span>
      )}
    </div>
  );
}
