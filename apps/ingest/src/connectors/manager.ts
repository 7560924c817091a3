import type { Connector, ConnectorContext } from './connector.ts';
import { loadConnectors } from './registry.ts';

/** The configured connectors of one app: created at build, routes before listen, started when ready. */
export class ConnectorManager {
  private constructor(readonly running: { id: string; connector: Connector }[]) {}

  static async create(env: NodeJS.ProcessEnv, ctx: ConnectorContext): Promise<ConnectorManager> {
    const list: { id: string; connector: Connector }[] = [];
    for (const def of await loadConnectors()) {
      const config = def.parseConfig(env);
      if (config === null) continue;
      const connector = def.create(config as never, ctx);
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
