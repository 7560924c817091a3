import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { FeedGrant, FeedHealth, IngestResponse, Label } from '@cityioc/contracts';
import type { CatalogueIndex } from '@cityioc/domain';
import type { FeedHealthRegistry } from '../feeds/health/feed-health.registry.ts';

/**
 * A connector brings readings from somewhere (a broker subscription, notifications, a poller)
 * into the SAME ingest as HTTP feeds: `ctx.ingest` checks each item with the catalogue's rules,
 * appends the valid ones through the group commit and so into the live state.
 */
export interface ConnectorContext {
  /** The observation ingest (schema + domain validation → group commit → live state), per-item results. */
  ingest(items: readonly unknown[], source: string, grant?: FeedGrant | null): Promise<IngestResponse>;
  index: CatalogueIndex;
  health: FeedHealthRegistry;
  clock: () => number;
  log: FastifyBaseLogger;
  /**
   * The Fastify app, for connectors that receive pushes (routes are registered before listen).
   * Their routes declare `config: { access: { kind: 'feed', … } }`: API key, per-source rate limit.
   */
  app: FastifyInstance;
}

export interface Connector {
  /** Registers routes (push connectors); called before the server listens. */
  routes?(): Promise<void>;
  /** Starts subscribing / polling; resolves once running (a broker that is down is retried, not fatal). */
  start(): Promise<void>;
  /** Stops and releases everything; pending readings are committed first. */
  stop(): Promise<void>;
  /** The feeds this connector reports on. */
  health(): FeedHealth[];
}

export interface ConnectorDefinition<C = unknown> {
  /** Folder name and id: 'mqtt', 'ngsi-ld', 'ngsi-v2'. */
  id: string;
  label: Label;
  /**
   * Reads its configuration from the environment (its variables in a TypeBox schema read with
   * `checkEnv`); null when the connector is not configured. Throws ConfigError naming every bad variable.
   */
  parseConfig(env: NodeJS.ProcessEnv): C | null;
  create(config: C, ctx: ConnectorContext): Connector;
}
