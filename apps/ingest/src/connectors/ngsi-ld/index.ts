import { createNgsiConnector, parseNgsiConfig } from '../ngsi-shared.ts';
import { registerConnector } from '../registry.ts';

/** POST /api/v1/ngsi-ld/notify (always on) and, with IOC_NGSI_LD_BROKER_URL, reconciliation against the broker. */
registerConnector({
  id: 'ngsi-ld',
  label: { vi: 'NGSI-LD (FIWARE)', en: 'NGSI-LD (FIWARE)' },
  parseConfig: (env) => parseNgsiConfig(env, 'ld'),
  create: createNgsiConnector,
});
