import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../format/format.ts';
import { formatViDate, parseViDate } from '../format/vi-date.ts';
import { DateTextInput } from './DateTextInput.tsx';

/** The text shown for a date in force: dd/mm/yyyy, or nothing. */
const textOf = (iso: string) => (iso ? formatViDate(iso) : '');

/**
 * A date field that reads and writes dd/mm/yyyy, as vi-VN does, whatever the browser's locale (the
 * browser's own date input shows the system's format). The date typed is applied with Enter or when
 * the field is left; a text that is not a date, or a date after `max`, is not applied: the field is
 * marked and says why, and Escape brings back the date in force. `optional`: an empty field applies
 * as '' (no date: a filter's open end).
 */
export function ViDateField({
  label,
  value,
  max,
  onChange,
  testId,
  inline,
  optional,
}: {
  label: string;
  /** The date in force, ISO (2026-12-05); '' for none (optional fields). */
  value: string;
  /** The latest date accepted, ISO. */
  max?: string;
  onChange: (iso: string) => void;
  testId: string;
  /** Label beside the field rather than above it. */
  inline?: boolean;
  /** An empty field is allowed (applied as ''). */
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(textOf(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(textOf(value));
    setError(null);
  }, [value]);
  const apply = () => {
    if (optional && text.trim() === '') {
      setError(null);
      setText('');
      if (value !== '') onChange('');
      return;
    }
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
      <DateTextInput
        text={text}
        onText={setText}
        onCommit={apply}
        onBlur={apply}
        onEscape={() => {
          setText(textOf(value));
          setError(null);
        }}
        invalid={error !== null}
        title={error ?? undefined}
        testId={testId}
      />
      {error && (
        <span className="vi-date-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </label>
  );
}
