/**
 * What the feed owners send, one valid item of each kind, shared by the access matrix
 * (access-matrix.data.ts), the OpenAPI answers check and the route tests: each test takes the
 * sample and patches only what it is about, so a change to a feed's schema is made here once.
 */
import { PROCEDURE_SAMPLE, receivedDossier } from '../../../../test-support/dossiers.ts';
import { T0, wl } from './build-test-app.ts';

const MIN = 60_000;
/** Water levels (cm) rising through BĐ I (180 cm) at Cần Thơ: one flood-band alert. */
const RISING_CM = [170, 176, 181, 183, 185, 186, 187, 188];

/** Water level rising through BĐ I over 35 minutes, a reading every 5 minutes ending at T0, ids `${idPrefix}-0…7` (wl-can-tho unless patched). */
export function risingTide(idPrefix: string, patch: Record<string, unknown> = {}) {
  return RISING_CM.map((v, i) => wl(`${idPrefix}-${i}`, v, { ...patch, observedAt: new Date(T0 - (RISING_CM.length - 1 - i) * 5 * MIN).toISOString() }));
}

/** A raw pollutant reading of the Trà Nóc air station (phường Thới An Đông 31174) at instant `t`. */
export function airReading(id: string, indicator: string, t: number, value: number) {
  return { id, indicator, area: '31174', station: 'aq-tra-noc', observedAt: new Date(t).toISOString(), value };
}

/** A dossier of phường Ninh Kiều (31135, its people's committee) received online on 20 Nov 2026, canonical field names. */
export function receivedDossierEvent(eventId: string, dossierCode: string) {
  return receivedDossier(eventId, dossierCode, '2026-11-20T08:00:00+07:00');
}

/** Birth-certificate copy, as an administrator loads it into the procedure catalogue (test-support/dossiers.ts). */
export { PROCEDURE_SAMPLE };

/** The portal's official 766 score of the city for October 2026, as its evaluation API gives it; `patch` for another unit or month. */
export function officialScore(patch: Record<string, unknown> = {}) {
  return {
    kind: 'official',
    origin: 'dvcqg-evaluation-api',
    unitCode: 'H13',
    unitName: 'Thành phố Cần Thơ',
    period: '2026-10',
    total: 84.2,
    groups: [{ id: 'dvc-progress-tree', score: 19.1, maxScore: 20 }],
    fetchedAt: '2026-11-01T06:00:00+07:00',
    ...patch,
  };
}
