import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { requestErrorText, type ErrorText } from '../auth/error-text.ts';

/** A field's own message, under it, in the reader's language; nothing when the field is fine. */
export function FieldError({ error }: { error: ErrorText | undefined }) {
  const { t } = useTranslation();
  return error ? <span className="ioc-field-error">{t(error.key, error.params)}</span> : null;
}

/** A labelled text input of an admin form, with its field error (and an optional hint) under it. */
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
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'spellCheck' | 'placeholder'>) {
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

/** The failed request of a form, in the server's words (field errors included). */
export function RequestError({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const why = requestErrorText(error);
  return (
    <div className="ioc-error" role="alert" data-testid={testId}>
      {t(why.key, why.params)}
    </div>
  );
}

/** Save (or create) and cancel, at the foot of an admin form. */
export function FormActions({ pending, creating, onCancel, testId }: { pending: boolean; creating: boolean; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="adm-actions">
      <button type="submit" className="btn btn-primary" disabled={pending} data-testid={testId}>
        {pending ? t('access.saving') : creating ? t('access.create') : t('access.save')}
      </button>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        {t('access.cancel')}
      </button>
    </div>
  );
}

/** An admin page's title, what it has to say (a notice) and its "add" button. */
export function AdminHead({
  title,
  addLabel,
  onAdd,
  testId,
  children,
}: {
  title: string;
  addLabel: string;
  onAdd: () => void;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <div className="adm-head">
      <h2 className="page-title">{title}</h2>
      {children}
      <button type="button" className="btn btn-primary" onClick={onAdd} data-testid={testId}>
        {addLabel}
      </button>
    </div>
  );
}

/** A button that runs a mutation, disabled while it runs. */
export function MutationButton({
  pending,
  onClick,
  danger,
  quiet,
  testId,
  children,
}: {
  pending: boolean;
  onClick: () => void;
  danger?: boolean;
  quiet?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const className = ['btn', quiet && 'btn-quiet', danger && 'btn-danger'].filter(Boolean).join(' ');
  return (
    <button type="button" className={className} onClick={onClick} disabled={pending} data-testid={testId}>
      {children}
    </button>
  );
}
