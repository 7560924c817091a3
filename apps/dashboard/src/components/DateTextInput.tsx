import { useTranslation } from 'react-i18next';
import './vi-date-field.css';

/**
 * The text input of every vi-VN date field (ViDateField, the explorer's DateRangeField): a date typed as
 * dd/mm/yyyy whatever the browser's locale (its own date input follows the system's format), with a numeric
 * keyboard on tablets, no autocomplete and the placeholder "ngày/tháng/năm". Enter commits, Escape (when
 * given) gives back the date in force; the parsing and its messages are the field's own.
 */
export function DateTextInput({
  text,
  onText,
  onCommit,
  onEscape,
  onBlur,
  invalid,
  title,
  describedBy,
  testId,
}: {
  text: string;
  onText: (text: string) => void;
  onCommit: () => void;
  onEscape?: () => void;
  onBlur?: () => void;
  invalid: boolean;
  title?: string;
  describedBy?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      className="date-text"
      value={text}
      placeholder={t('dateField.placeholder')}
      onChange={(e) => onText(e.target.value)}
      onBlur={onBlur}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit();
        if (e.key === 'Escape') onEscape?.();
      }}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      title={title}
      data-testid={testId}
    />
  );
}
