import { createHash } from 'node:crypto';
import type { AgencyIndex, AreaRegistry } from '@cityioc/domain';
import type { AuditService } from '../access/audit.service.ts';
import { recordConfigLoad } from '../access/config-load.ts';
import type { AuditStore } from '../store/audit-store.ts';

export const REGISTRY_LOAD_ACTION = 'registry.load';

/** A short hash of what a start runs on: the area registry file and the agency catalogue. */
export function registryContentHash(registry: AreaRegistry, agencies: AgencyIndex): string {
  return createHash('sha256')
    .update(JSON.stringify({ registry: registry.file, agencies: agencies.agencies }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Writes `registry.load` to the audit log when the registry or the agency catalogue this start runs
 * on differs from the last one recorded (a first start, or an IOC_AREAS_FILE / IOC_AGENCIES_FILE
 * change), so that the log shows each change once rather than every restart. Resolves to whether
 * it recorded.
 */
export function recordRegistryLoad(
  audit: Pick<AuditService, 'record'>,
  log: Pick<AuditStore, 'queryAudit'>,
  registry: AreaRegistry,
  agencies: AgencyIndex,
): Promise<boolean> {
  return recordConfigLoad(audit, log, {
    action: REGISTRY_LOAD_ACTION,
    target: registry.file.id,
    hash: registryContentHash(registry, agencies),
    details: { units: registry.file.units.length, agencies: agencies.agencies.length },
  });
}
