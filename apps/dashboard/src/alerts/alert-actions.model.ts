import type { Alert } from '@cityioc/contracts';
import { transitionBlock, type TransitionBlock } from '@cityioc/domain';

/**
 * Which of an alert's actions the inbox offers, and for each one it cannot take now, why — the
 * same lifecycle rule the server answers 409 with (domain `transitionBlock`), plus what the form
 * still lacks (a note, a unit, a whole deadline) and the role. Pure; the screen shows the reason
 * next to the disabled button and links it with aria-describedby and title.
 */
export type AlertActionKey = 'ack' | 'assign' | 'resolve' | 'note';
export type ActionBlock = TransitionBlock | 'readOnlyRole' | 'needNote' | 'needUnit' | 'badAmount' | 'pending';

export interface ActionState {
  enabled: boolean;
  /** Why it is disabled (an i18n key under opsdesk.why); null when enabled. */
  reason: ActionBlock | null;
}

export interface ActionForm {
  note: string;
  unit: string;
  kind: 'workingDays' | 'hours';
  amount: number;
}

/** The deadline bounds the server accepts (AlertAssignBody): 0–60 working days, 1–720 hours, whole. */
export function deadlineAmountOk(kind: ActionForm['kind'], amount: number): boolean {
  return Number.isInteger(amount) && (kind === 'hours' ? amount >= 1 && amount <= 720 : amount >= 0 && amount <= 60);
}

const state = (reason: ActionBlock | null): ActionState => ({ enabled: reason === null, reason });

/** The first reason that applies, in the order a person fixes them: role, lifecycle, a request in flight, the form. */
export function actionStates(alert: Pick<Alert, 'status'>, who: { canAct: boolean }, form: ActionForm, pending: boolean): Record<AlertActionKey, ActionState> {
  const note = form.note.trim() !== '';
  const reason = (action: AlertActionKey, formBlock: ActionBlock | null): ActionBlock | null => {
    if (!who.canAct) return 'readOnlyRole';
    const block = transitionBlock(alert.status, action);
    if (block) return block;
    if (pending) return 'pending';
    return formBlock;
  };
  return {
    ack: state(reason('ack', null)),
    assign: state(reason('assign', !form.unit.trim() ? 'needUnit' : !deadlineAmountOk(form.kind, form.amount) ? 'badAmount' : null)),
    resolve: state(reason('resolve', note ? null : 'needNote')),
    note: state(reason('note', note ? null : 'needNote')),
  };
}
