import { createNgsiConnector, parseNgsiConfig } from './ngsi.connector.ts';
import { registerConnector } from '../registry.ts';

/** POST /api/v1/ngsi-ld/notify (always on) and, with IOC_NGSI_LD_BROKER_URL, reconciliation against the broker. */
registerConnector({
  id: 'ngsi-ld',
  label: { vi: 'NGSI-LD (FIWARE)', en: 'NGSI-LD (FIWARE)' },
  parseConfig: (env) => parseNgsiConfig(env, 'ld'),
  create: createNgsiConnector,
});

/** POST /api/v1/ngsi-v2/notify (always on) and, with IOC_NGSI_V2_BROKER_URL, reconciliation against Orion. */
registerConnector({
  id: 'ngsi-v2',
  label: { vi: 'NGSI v2 (FIWARE Orion)', en: 'NGSI v2 (FIWARE Orion)' },
  parseConfig: (env) => parseNgsiConfig(env, 'v2'),
  create: createNgsiConnector,
});
