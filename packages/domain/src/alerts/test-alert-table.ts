import type { Alert } from '@cityioc/contracts';
import type { AlertSignal } from './engine.ts';
import { alertFromRaise, applySignal } from './lifecycle.ts';

/**
 * For tests: the alerts table as the ingest keeps it. A raise is stored once by its id; any other
 * signal goes through the lifecycle. Returns the signals the lifecycle refused ('clear a-1 at 123').
 */
export function applyToAlertTable(table: Map<string, Alert>, signals: readonly AlertSignal[], now: number): string[] {
  const refused: string[] = [];
  for (const s of signals) {
    if (s.type === 'raise') {
      if (!table.has(s.alertId)) table.set(s.alertId, alertFromRaise(s, now));
      continue;
    }
    const a = table.get(s.alertId);
    const change = a && applySignal(a, s, now);
    if (change) table.set(s.alertId, change.alert);
    else refused.push(`${s.type} ${s.alertId} at ${s.at}`);
  }
  return refused;
}
