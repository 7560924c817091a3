import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../format/format.ts';
import { formatViDate, parseViDate } from '../format/vi-date.ts';
import './vi-date-field.css';

/**
 * A date field that reads and writes dd/mm/yyyy, as vi-VN does, whatever the browser's locale (the
 * browser's own date input shows the system's format). The date typed is applied with Enter or when
 * the field is left; a text that is not a date, or a date after `max`, is not applied: the field is
 * marked and says why, and Escape brings back the date in force.
 */
export function ViDateField({
  label,
  value,
  max,
  onChange,
  testId,
  inline,
}: {
  label: string;
  /** The date in force, ISO (2026-12-05). */
  value: string;
  /** The latest date accepted, ISO. */
  max?: string;
  onChange: (iso: string) => void;
  testId: string;
  /** Label beside the field rather than above it. */
  inline?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatViDate(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(formatViDate(value));
    setError(null);
  }, [value]);
  const apply = () => {
    const iso = parseViDate(text);
    if (!iso) return setError(t('dateField.invalid'));
    if (max && iso > max) return setError(t('dateField.afterMax', { max: formatIsoDate(max) }));
    setError(null);
    setText(formatViDate(iso));
    if (iso !== value) onChange(iso);
  };
  return (
    <label className={inline ? 'field field-inline vi-date' : 'field vi-date'}>
      <span className="field-label">{label}</span>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="date-text"
        value={text}
        placeholder={t('dateField.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') {
            setText(formatViDate(value));
            setError(null);
          }
        }}
        aria-invalid={error ? true : undefined}
        title={error ?? undefined}
        data-testid={testId}
      />
      {error && (
        <span className="vi-date-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}
