import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../components/fields.tsx';
import { checkDateRange, formatViDate, MAX_SPAN, MAX_SPAN_DAYS } from './explorer-periods.ts';
import '../components/vi-date-field.css';

/**
 * The custom range of the hour and day kinds: two dates typed as vi-VN writes them (dd/mm/yyyy),
 * applied with Enter or "Áp dụng". A wrong range is not applied: a message under the fields says
 * which date is wrong and why (not a date, from after to, in the future, longer than the kind allows).
 */
export function DateRangeField({
  kind,
  from,
  to,
  now,
  onApply,
}: {
  kind: 'hour' | 'day';
  /** The range shown: hour or day keys. */
  from: string;
  to: string;
  now: number;
  onApply: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const [fromText, setFrom] = useState(formatViDate(from));
  const [toText, setTo] = useState(formatViDate(to));
  const [error, setError] = useState<string | null>(null);
  // the URL moved (another kind, back/forward): the fields show it again
  useEffect(() => {
    setFrom(formatViDate(from));
    setTo(formatViDate(to));
    setError(null);
  }, [from, to]);
  const kindName = t(`analystPages.kind.${kind}`).toLowerCase();
  const apply = () => {
    const r = checkDateRange(kind, fromText, toText, now);
    if (r.ok) {
      setError(null);
      onApply(r.from, r.to);
    } else setError(t(`analystPages.range.error.${r.error.code}`, { days: MAX_SPAN_DAYS[kind], max: MAX_SPAN[kind], kind: kindName }));
  };
  const input = (end: 'from' | 'to', value: string, set: (v: string) => void) => (
    <Field label={t(`analystPages.range.${end}`)}>
      <input
        type="text"
        inputMode="numeric"
        className="date-text"
        value={value}
        placeholder={t('analystPages.range.placeholder')}
        onChange={(e) => set(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
        aria-invalid={error ? true : undefined}
        aria-describedby="explorer-range-note"
        data-testid={`explorer-range-${end}`}
      />
    </Field>
  );
  return (
    <div className="date-range" role="group" aria-label={`${t('analystPages.range.from')} – ${t('analystPages.range.to')}`}>
      {input('from', fromText, setFrom)}
      {input('to', toText, setTo)}
      <button type="button" className="btn" onClick={apply} data-testid="explorer-range-apply">
        {t('analystPages.range.apply')}
      </button>
      <span
        id="explorer-range-note"
        className={error ? 'date-range-note error' : 'date-range-note'}
        role={error ? 'alert' : undefined}
        data-testid={error ? 'explorer-range-error' : 'explorer-range-hint'}
      >
        {error ?? t('analystPages.range.hint', { days: MAX_SPAN_DAYS[kind], kind: kindName })}
      </span>
    </div>
  );
}
