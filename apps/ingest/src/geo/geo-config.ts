import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { CAN_THO_AGENCY_FILE, CAN_THO_REGISTRY, loadAgencyCatalogue, loadAreaRegistry, type AgencyIndex, type AreaRegistry } from '@cityioc/domain';
import { ConfigError } from '../env-schema.ts';

function readJson(variable: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new ConfigError(`${variable}=${file}: ${(e as Error).message}`);
  }
}

/**
 * The area registry the IOC runs on: IOC_AREAS_FILE, else the bundled Cần Thơ registry. A
 * contradictory file (two parents at one date, a crosswalk cycle, weights that do not sum to 1, …)
 * stops the start with every reason, one per problem.
 */
export function loadAreaRegistryFile(file: string | undefined): AreaRegistry {
  if (!file) return CAN_THO_REGISTRY;
  const loaded = loadAreaRegistry(readJson('IOC_AREAS_FILE', file));
  if (!loaded.ok) throw new ConfigError(loaded.problems.map((p) => `IOC_AREAS_FILE=${file}: ${p.rule}${p.code ? ` (${p.code})` : ''}: ${p.message}`));
  return loaded.registry;
}

/** The agency catalogue: IOC_AGENCIES_FILE, else the bundled Cần Thơ catalogue; checked against the registry with the same rules. */
export function loadAgencyFile(file: string | undefined, registry: AreaRegistry): AgencyIndex {
  const json = file ? readJson('IOC_AGENCIES_FILE', file) : CAN_THO_AGENCY_FILE;
  const loaded = loadAgencyCatalogue(json, registry);
  const name = file ?? '(bundled)';
  if (!loaded.ok) throw new ConfigError(loaded.problems.map((p) => `IOC_AGENCIES_FILE=${name}: ${p.rule}${p.code ? ` (${p.code})` : ''}: ${p.message}`));
  return loaded.index;
}

/** IOC_BASEMAP_PMTILES: a readable PMTiles file (checked at start), or null for the offline default. */
export function checkBasemapFile(file: string | undefined): string | null {
  if (!file) return null;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch (e) {
    throw new ConfigError(`IOC_BASEMAP_PMTILES=${file}: ${(e as Error).message}`);
  }
  if (size < 127) throw new ConfigError(`IOC_BASEMAP_PMTILES=${file}: ${size} bytes is too small for a PMTiles v3 file (header 127 bytes)`);
  const head = Buffer.alloc(8);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 7).toString('latin1') !== 'PMTiles' || head[7] !== 3)
    throw new ConfigError(`IOC_BASEMAP_PMTILES=${file}: not a PMTiles version 3 file (its first bytes are not "PMTiles" 3)`);
  return file;
}
