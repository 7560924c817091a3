import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { FeedHealth } from '@cityioc/contracts';
import { checkEnv, ConfigError, envInt, envSchema, envString, envText } from '../../env-schema.ts';
import type { Connector, ConnectorContext, ConnectorDefinition } from '../connector.ts';
import { parseTopicPattern, readingsFromMessage, TopicPatternError, type TopicPattern } from './mqtt-message.ts';

export interface MqttConfig {
  url: string;
  topics: TopicPattern[];
  /** stored as the observations' source */
  source: string;
  clientId: string;
  username?: string;
  password?: string;
  /** expected seconds between messages: silent for 2× → stale */
  cadenceSec: number;
}

/** The connector's variables; IOC_MQTT_URL switches it on. */
export const MqttEnvSchema = envSchema({
  IOC_MQTT_URL: envString('^(mqtts?|wss?|tcp|ssl)://', 'mqtt://host:port (or mqtts://, ws://, wss://)', true),
  IOC_MQTT_TOPICS: envText(),
  IOC_MQTT_SOURCE: envString('^[a-z0-9][a-z0-9_-]{0,63}$', 'lower-case letters, digits, - and _'),
  IOC_MQTT_CLIENT_ID: envText(),
  IOC_MQTT_USERNAME: envText(),
  IOC_MQTT_PASSWORD: envText(),
  IOC_MQTT_CADENCE_SEC: envInt(300, 1, 86_400),
});

export function parseMqttConfig(env: NodeJS.ProcessEnv): MqttConfig | null {
  if (!env.IOC_MQTT_URL) return null;
  const { values: v, problems } = checkEnv(MqttEnvSchema, env);
  let topics: TopicPattern[] = [];
  try {
    topics = (v.IOC_MQTT_TOPICS || 'cantho/+station/+indicator')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(parseTopicPattern);
  } catch (e) {
    if (!(e instanceof TopicPatternError)) throw e;
    problems.push(`IOC_MQTT_TOPICS: ${e.message}`);
  }
  if (problems.length > 0 || !v.IOC_MQTT_URL) throw new ConfigError(problems);
  return {
    url: v.IOC_MQTT_URL,
    topics,
    source: v.IOC_MQTT_SOURCE ?? 'mqtt',
    clientId: v.IOC_MQTT_CLIENT_ID || 'cityioc-ingest',
    ...(v.IOC_MQTT_USERNAME ? { username: v.IOC_MQTT_USERNAME } : {}),
    ...(v.IOC_MQTT_PASSWORD ? { password: v.IOC_MQTT_PASSWORD } : {}),
    cadenceSec: v.IOC_MQTT_CADENCE_SEC,
  };
}

/**
 * Subscribes with QoS 1 and a persistent session (clean: false), so messages published while the
 * IOC is away are delivered when it is back. A message is acknowledged (PUBACK) only after its
 * readings are committed: a crash before the commit makes the broker deliver it again, and the
 * deterministic ids make the redelivery a duplicate, not a second reading.
 */
export function createMqttConnector(cfg: MqttConfig, ctx: ConnectorContext): Connector & { client(): MqttClient | null } {
  const book = ctx.health.book('mqtt', 'mqtt', cfg.source, cfg.cadenceSec);
  book.connected = false;
  let client: MqttClient | null = null;
  const log = ctx.log.child({ connector: 'mqtt' });

  async function handle(packet: IPublishPacket): Promise<void> {
    const now = ctx.clock();
    book.seen(now);
    const r = readingsFromMessage(packet.topic, packet.payload as Buffer, cfg.topics, ctx.index, now);
    for (const p of r.problems) {
      book.error(now, p.reason, p.message);
      log.warn({ reason: p.reason }, `mqtt message refused: ${p.message}`);
    }
    if (r.inputs.length === 0) return;
    const res = await ctx.ingest(r.inputs, cfg.source);
    book.count({ accepted: res.accepted, duplicates: res.duplicates, rejected: res.rejected });
    if (res.rejected > 0)
      for (const item of res.results) {
        if (item.status !== 'rejected') continue;
        const e = item.errors?.[0];
        const msg = `${packet.topic}: ${item.id ?? ''} ${e?.field ?? ''} ${e?.message ?? ''}`;
        book.reason(now, e?.reason ?? 'rejected', msg);
        log.warn({ reason: e?.reason }, `mqtt reading rejected: ${msg}`);
      }
  }

  return {
    client: () => client,
    async start() {
      const c = mqtt.connect(cfg.url, {
        clientId: cfg.clientId,
        clean: false,
        reconnectPeriod: 1000,
        connectTimeout: 5000,
        ...(cfg.username ? { username: cfg.username } : {}),
        ...(cfg.password ? { password: cfg.password } : {}),
      });
      client = c;
      c.handleMessage = (packet, done) => {
        // never throws: a failure is counted, and the message is acked only if it was handled
        handle(packet).then(
          () => done(),
          (err: Error) => {
            book.error(ctx.clock(), 'ingest_failed', err.message);
            log.error({ err }, 'mqtt message could not be stored');
            done(err);
          },
        );
      };
      const subscribed = new Promise<void>((resolve) => {
        c.on('connect', (ack) => {
          book.connected = true;
          log.info({ url: cfg.url, sessionPresent: ack.sessionPresent }, 'mqtt connected');
          c.subscribe(
            cfg.topics.map((t) => t.filter),
            { qos: 1 },
            (err, granted) => {
              if (err) book.error(ctx.clock(), 'subscribe_failed', err.message);
              const refused = (granted ?? []).filter((g) => g.qos === 128);
              for (const g of refused) book.error(ctx.clock(), 'subscribe_refused', `the broker refused ${g.topic}`);
              resolve();
            },
          );
        });
      });
      c.on('close', () => {
        if (book.connected) log.warn('mqtt connection closed; reconnecting');
        book.connected = false;
      });
      c.on('error', (err) => {
        book.error(ctx.clock(), 'transport', err.message);
        log.warn({ err: err.message }, 'mqtt error');
      });
      // a broker that is down does not hold the server's start: the client keeps reconnecting
      await Promise.race([subscribed, new Promise((r) => setTimeout(r, 5000).unref())]);
    },
    async stop() {
      const c = client;
      client = null;
      if (c) await c.endAsync();
      book.connected = false;
    },
    health(): FeedHealth[] {
      return [book.snapshot(ctx.clock())];
    },
  };
}

export const mqttConnector: ConnectorDefinition<MqttConfig> = {
  id: 'mqtt',
  label: { vi: 'MQTT', en: 'MQTT' },
  parseConfig: parseMqttConfig,
  create: createMqttConnector,
};
