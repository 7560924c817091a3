import { createNgsiConnector, parseNgsiConfig } from '../ngsi-shared.ts';
import { registerConnector } from '../registry.ts';

/** POST /api/v1/ngsi-v2/notify (always on) and, with IOC_NGSI_V2_BROKER_URL, reconciliation against Orion. */
registerConnector({
  id: 'ngsi-v2',
  label: { vi: 'NGSI v2 (FIWARE Orion)', en: 'NGSI v2 (FIWARE Orion)' },
  parseConfig: (env) => parseNgsiConfig(env, 'v2'),
  create: createNgsiConnector,
});
