import type { DirectiveSubject } from '@cityioc/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/useSession.ts';
import { canIssueDirective } from './directive-form.model.ts';
import { DirectiveIssueForm } from './DirectiveIssueForm.tsx';

/**
 * The one way a leader issues a directive from the wall or the tablet: a modal dialog holding the
 * directive form about what they were looking at (an alert, a PAKN, a unit, a 766 metric), the
 * responsible units prefilled from it. Escape or "Đóng" closes it; the form is only in the page
 * while the dialog is open.
 */
export function DirectiveIssueDialog({ subject, units, onClose }: { subject: DirectiveSubject; units: string; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="directive-dialog"
      data-testid="directive-dialog"
      data-subject-kind={subject.kind}
      data-subject-id={subject.id}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => e.stopPropagation()}
    >
      <button type="button" className="btn btn-quiet directive-dialog-close" onClick={onClose} data-testid="directive-dialog-close">
        {t('score766.directives.issue.close')}
      </button>
      <DirectiveIssueForm subject={subject} units={units} />
    </dialog>
  );
}

/**
 * "Giao chỉ đạo" beside an alert, a PAKN or a unit: leaders only (nothing for anyone else); opens
 * the dialog. `testId` names the source ('alert-…', 'pakn-…', 'unit-…').
 */
export function DirectiveIssueButton({ subject, units, testId }: { subject: DirectiveSubject; units: string; testId: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  if (!canIssueDirective(user)) return null;
  return (
    <>
      <button
        type="button"
        className="btn directive-open"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
        data-testid={`directive-open-${testId}`}
      >
        {t('score766.directives.issue.open')}
      </button>
      {open && <DirectiveIssueDialog subject={subject} units={units} onClose={() => setOpen(false)} />}
    </>
  );
}
