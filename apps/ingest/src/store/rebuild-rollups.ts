/**
 * Recomputes the history rollups from the observation log, in one transaction:
 *   pnpm --filter @cityioc/ingest rollups:rebuild      (IOC_DATA_DIR or IOC_DATABASE_URL as for the server; stop it first)
 * Rollups are kept at ingest; this is for repairs and after a change of the area tree.
 */
import { CAN_THO_CATALOGUE, indexCatalogue } from '@cityioc/domain';
import { loadConfig } from '../env.ts';
import { openConfiguredStore } from './open-store.ts';

const config = loadConfig(process.env);
const index = indexCatalogue(CAN_THO_CATALOGUE);
const store = await openConfiguredStore(config, { areaChain: index.areaChainAt });
const t0 = Date.now();
const n = await store.rebuildRollups();
await store.close();
console.log(`rollups rebuilt from ${n} observations in ${Date.now() - t0} ms`);
