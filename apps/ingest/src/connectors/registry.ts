import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Connector, ConnectorContext, ConnectorDefinition } from './connector.ts';

/** A registered connector, its configuration type closed over: read the environment, then create it if configured. */
export interface RegisteredConnector {
  id: string;
  /** Throws ConfigError on a bad variable. */
  checkConfig(env: NodeJS.ProcessEnv): void;
  /** null when the connector is not configured. */
  instantiate(env: NodeJS.ProcessEnv, ctx: ConnectorContext): Connector | null;
}

const definitions = new Map<string, RegisteredConnector>();

/** Each connector folder's index.ts calls this once when it is imported. */
export function registerConnector<C>(def: ConnectorDefinition<C>): void {
  if (definitions.has(def.id)) throw new Error(`connector '${def.id}' is registered twice`);
  definitions.set(def.id, {
    id: def.id,
    checkConfig: (env) => void def.parseConfig(env),
    instantiate: (env, ctx) => {
      const config = def.parseConfig(env);
      return config === null ? null : def.create(config, ctx);
    },
  });
}

let loaded: Promise<RegisteredConnector[]> | null = null;

/** Imports every apps/ingest/src/connectors/<name>/index.ts: a new connector is a new folder. */
export function loadConnectors(): Promise<RegisteredConnector[]> {
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
