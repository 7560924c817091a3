import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { requestErrorText } from '../auth/error-text.ts';

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
