import type { Connector, ConnectorContext } from './connector.ts';
import { ConfigError } from '../env-schema.ts';
import { loadConnectors } from './registry.ts';

/** The configured connectors of one app: created at build, routes before listen, started when ready. */
export class ConnectorManager {
  private constructor(readonly running: { id: string; connector: Connector }[]) {}

  static async create(env: NodeJS.ProcessEnv, ctx: ConnectorContext): Promise<ConnectorManager> {
    const list: { id: string; connector: Connector }[] = [];
    for (const def of await loadConnectors()) {
      const connector = def.instantiate(env, ctx);
      if (connector === null) continue;
      await connector.routes?.();
      list.push({ id: def.id, connector });
    }
    return new ConnectorManager(list);
  }

  get(id: string): Connector | undefined {
    return this.running.find((r) => r.id === id)?.connector;
  }

  async start(): Promise<void> {
    for (const r of this.running) await r.connector.start();
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.running.map((r) => r.connector.stop()));
  }
}

/**
 * Every problem in the connectors' variables (IOC_MQTT_*, IOC_NGSI_*), so that the start can name
 * them together with the core configuration's in one message.
 */
export async function connectorConfigProblems(env: NodeJS.ProcessEnv): Promise<string[]> {
  const problems = new Set<string>();
  for (const def of await loadConnectors())
    try {
      def.checkConfig(env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      for (const p of e.problems) problems.add(p);
    }
  return [...problems];
}
