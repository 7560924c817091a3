import type { AuditService } from './audit.service.ts';
import type { AuditStore } from '../store/audit-store.ts';

/** What a start runs on, for the audit log: the action, what it names, a content hash, and details. */
export interface ConfigLoad {
  action: string;
  target: string;
  hash: string;
  details: Record<string, unknown>;
}

/**
 * Writes a start's configuration load (`registry.load`, `alert_rules.load`) to the audit log when its
 * content hash differs from the last one recorded for that action: a first start, or a changed file.
 * A restart on the same configuration writes nothing, so the log shows each change once. Resolves to
 * whether it recorded.
 */
export async function recordConfigLoad(audit: Pick<AuditService, 'record'>, log: Pick<AuditStore, 'queryAudit'>, load: ConfigLoad): Promise<boolean> {
  const [last] = await log.queryAudit({ action: load.action, limit: 1 });
  if (last?.details?.['hash'] === load.hash) return false;
  await audit.record({ actor: 'system', action: load.action, target: load.target, details: { ...load.details, hash: load.hash } });
  return true;
}
