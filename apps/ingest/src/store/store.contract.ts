/**
 * The Store conformance suite: every Store implementation runs all of it with its own harness
 * (sqlite-store.int.test.ts, postgres-store.int.test.ts). One suite per log under conformance/,
 * all sharing one harness (conformance/harness.ts, `useStore`).
 */
import { accessConformance } from './conformance/access.contract.ts';
import { alertConformance } from './conformance/alerts.contract.ts';
import { auditConformance } from './conformance/audit.contract.ts';
import { commitOnCallConformance } from './conformance/commit-on-call.contract.ts';
import { dossierConformance } from './conformance/dossiers.contract.ts';
import { feedbackConformance } from './conformance/feedback.contract.ts';
import type { StoreHarness } from './conformance/harness.ts';
import { observationConformance } from './conformance/observations.contract.ts';
import { referenceConformance } from './conformance/reference.contract.ts';
import { reportConformance } from './conformance/reports.contract.ts';
import { rollupConformance } from './conformance/rollups.contract.ts';

export { alert, obs, T0, type StoreHarness } from './conformance/harness.ts';

/**
 * [ST1…13] observations, dossier events and official scores, [ST-H…] rollups, [ST-R…] reports,
 * [ST-A…] alerts, [ST-REF…] reference documents, [ST-AC…] accounts and credentials, [ST-AU…] the audit log, [ST-F…] PAKN, ratings and directives, [ST-C1] appends that commit on the call. The harness must give its stores the Cần Thơ area chain (the rollup cases need it).
 */
export function storeConformance(name: string, harness: () => StoreHarness): void {
  observationConformance(name, harness);
  dossierConformance(name, harness);
  rollupConformance(name, harness);
  reportConformance(name, harness);
  alertConformance(name, harness);
  referenceConformance(name, harness);
  accessConformance(name, harness);
  auditConformance(name, harness);
  feedbackConformance(name, harness);
  commitOnCallConformance(name, harness);
}
