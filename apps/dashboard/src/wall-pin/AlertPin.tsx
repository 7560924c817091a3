import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang } from '../app/hooks.ts';
import { formatDateTime, formatNumber, readableTextColor } from '../format/format.ts';
import type { PanelProps } from '../panels/panel.ts';
import { SEVERITY_COLORS } from '../theme/theme.ts';
import { UnitMap } from './UnitPin.tsx';
import { pinnedAlertQuery } from './wall-pin.queries.ts';

/** A pinned alert: what happened, where and since when (plain text, never HTML), its unit on the map beside it. */
export function AlertPin({ id }: { id: string } & PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const q = useQuery(pinnedAlertQuery(useQueryClient(), id));
  const a = q.data?.alert;
  if (!a) return <section className="panel panel-loading" />;
  const indicator = index?.indicator(a.indicator);
  const unit = indicator?.unit ?? '';
  const area = index?.area(a.area);
  const station = a.station ? (index?.station(a.station)?.name ?? a.station) : null;
  const color = SEVERITY_COLORS[a.severity];
  return (
    <div className="wall-pin-alert" data-testid="wall-pin-alert" data-alert-id={a.id}>
      <section className="panel wall-pin-facts">
        <h2 className="wall-pin-alert-title">
          <span className="alert-sev" style={{ backgroundColor: color, color: readableTextColor(color) }}>
            {t(`alerts.severity.${a.severity}`)}
          </span>{' '}
          {a.title[lang]}
        </h2>
        <dl className="wall-pin-dl">
          <dt>{t('pin.alertFacts.status')}</dt>
          <dd>{t(`alerts.status.${a.status}`)}</dd>
          {a.value !== null && (
            <>
              <dt>{t('pin.alertFacts.value')}</dt>
              <dd>{`${formatNumber(a.value, indicator?.decimals ?? 0, lang)} ${unit}`.trim()}</dd>
            </>
          )}
          {a.level !== null && (
            <>
              <dt>{t('pin.alertFacts.level')}</dt>
              <dd>{`${formatNumber(a.level, indicator?.decimals ?? 0, lang)} ${unit}`.trim()}</dd>
            </>
          )}
          {station && (
            <>
              <dt>{t('pin.alertFacts.station')}</dt>
              <dd>{station}</dd>
            </>
          )}
          <dt>{t('pin.alertFacts.unit')}</dt>
          <dd>{area ? `${area.kind} ${area.name}` : a.area}</dd>
          <dt>{t('pin.alertFacts.startedAt')}</dt>
          <dd>{formatDateTime(a.startedAt, timeZone)}</dd>
        </dl>
      </section>
      <UnitMap code={a.area} />
    </div>
  );
}
