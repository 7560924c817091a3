import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorText } from '../auth/error-text.ts';

/** A field's own message, under it, in the reader's language; nothing when the field is fine. */
export function FieldError({ error }: { error: ErrorText | undefined }) {
  const { t } = useTranslation();
  return error ? <span className="ioc-field-error">{t(error.key, error.params)}</span> : null;
}

/** A labelled text input of a form (sign-in, administration), with its field error (and an optional hint) under it. */
export function TextField({
  label,
  value,
  onChange,
  error,
  testId,
  mono,
  children,
  ...input
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: ErrorText | undefined;
  testId: string;
  mono?: boolean;
  children?: ReactNode;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'autoComplete' | 'autoCapitalize' | 'autoFocus' | 'spellCheck' | 'placeholder'>) {
  return (
    <label className="ioc-field">
      <span className="ioc-label">{label}</span>
      <input
        {...input}
        className={mono ? 'ioc-input mono' : 'ioc-input'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      <FieldError error={error} />
      {children}
    </label>
  );
}
