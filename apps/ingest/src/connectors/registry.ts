import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorDefinition } from './connector.ts';

const definitions = new Map<string, ConnectorDefinition<never>>();

/** Each connector folder's index.ts calls this once when it is imported. */
export function registerConnector<C>(def: ConnectorDefinition<C>): void {
  if (definitions.has(def.id)) throw new Error(`connector '${def.id}' is registered twice`);
  definitions.set(def.id, def as unknown as ConnectorDefinition<never>);
}

let loaded: Promise<ConnectorDefinition<never>[]> | null = null;

/** Imports every apps/ingest/src/connectors/<name>/index.ts: a new connector is a new folder. */
export function loadConnectors(): Promise<ConnectorDefinition<never>[]> {
  loaded ??= (async () => {
    const dir = import.meta.dirname;
    // index.ts from source (tsx, vitest), index.js from the compiled build (dist/)
    const entry = import.meta.filename.endsWith('.ts') ? 'index.ts' : 'index.js';
    const folders = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, entry)))
      .map((d) => d.name)
      .sort();
    for (const f of folders) await import(`./${f}/${entry}`);
    return [...definitions.values()];
  })();
  return loaded;
}
