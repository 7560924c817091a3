import { existsSync, statSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AlertSeverity } from '@cityioc/contracts';
import type { FeedHealthRegistry } from '../feeds/health/feed-health.registry.ts';
import type { LiveService } from '../live/live.service.ts';
import type { IocServer } from '../realtime/broadcaster.ts';
import type { Store } from '../store/store.ts';

/** The logs a group-commit writer appends to. */
export type CommitLog = 'observations' | 'dossiers' | 'pakn' | 'ratings';

/** What a scrape reads from the running services (bound once they exist). */
export interface MetricSources {
  clock: () => number;
  live: LiveService;
  store: Store;
  feeds: FeedHealthRegistry;
  io: IocServer;
  /** Dossiers held in memory (open ones, and finished ones not yet let go). */
  dossiersInMemory: () => number;
  /** Open (not resolved) alerts, counted by severity. */
  openAlerts: () => Promise<ReadonlyMap<AlertSeverity, number>>;
  /** The checkpoint file, whose age is reported until this process writes one. */
  checkpointFile: string;
}

const SEVERITIES: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];
const FEED_STATUSES = ['live', 'stale', 'never'] as const;

/**
 * The Prometheus metrics of one IOC process (prom-client, its own registry so that several apps
 * in one test process stay apart). The hot path only touches what is counted per commit, per
 * flush and per tick, never per item: ingest counts come from the feed-health books and the
 * gauges are read when Prometheus scrapes. With IOC_METRICS=false nothing is created and every
 * recording method returns at once.
 */
export class IocMetrics {
  readonly registry = new Registry();
  private readonly commitSeconds: Histogram<'log'> | null = null;
  private readonly commitRows: Histogram<'log'> | null = null;
  private readonly flushRequests: Histogram<'log'> | null = null;
  private readonly commitFailures: Counter<'log'> | null = null;
  private readonly tickSeconds: Histogram | null = null;
  private readonly deltas: Counter | null = null;
  private readonly deliveries: Counter | null = null;
  private readonly alertPushes: Counter | null = null;
  private checkpointAt: number | null = null;
  private checkpointFailures = 0;

  constructor(readonly enabled: boolean) {
    if (!enabled) return;
    const registers = [this.registry];
    this.commitSeconds = new Histogram({
      name: 'ioc_commit_duration_seconds',
      help: 'Time to make one store transaction durable (commit and flush to disk), per log.',
      labelNames: ['log'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.commitRows = new Histogram({
      name: 'ioc_commit_rows',
      help: 'Rows per store transaction of the group commit, per log.',
      labelNames: ['log'],
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000],
      registers,
    });
    this.flushRequests = new Histogram({
      name: 'ioc_group_commit_requests',
      help: 'Requests (HTTP batches, NDJSON slices, MQTT messages) merged into one group-commit flush, per log.',
      labelNames: ['log'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers,
    });
    this.commitFailures = new Counter({
      name: 'ioc_commit_failures_total',
      help: 'Store transactions that failed (nothing acknowledged).',
      labelNames: ['log'],
      registers,
    });
    this.tickSeconds = new Histogram({
      name: 'ioc_tick_duration_seconds',
      help: 'Time of one live-delivery tick (draining the live state and emitting its deltas).',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    });
    this.deltas = new Counter({ name: 'ioc_deltas_total', help: 'Deltas emitted (one per changed scope and push).', registers });
    this.deliveries = new Counter({
      name: 'ioc_delta_deliveries_total',
      help: 'Deltas delivered to sockets of this node (a delta × the sockets of its room).',
      registers,
    });
    this.alertPushes = new Counter({ name: 'ioc_alert_pushes_total', help: 'Alert changes pushed to the wall.', registers });
    collectDefaultMetrics({ register: this.registry });
  }

  /** One transaction of a group-commit writer: its rows and the time until it was durable. */
  committed(log: CommitLog, rows: number, seconds: number): void {
    if (!this.enabled) return;
    this.commitSeconds!.observe({ log }, seconds);
    this.commitRows!.observe({ log }, rows);
  }

  commitFailed(log: CommitLog): void {
    this.commitFailures?.inc({ log });
  }

  /** One flush of a group-commit writer: how many requests it merged. */
  flushed(log: CommitLog, requests: number): void {
    this.flushRequests?.observe({ log }, requests);
  }

  /** One tick or push of the live delivery: its duration, the deltas it emitted, and the sockets they reached. */
  tick(seconds: number, deltas: number, deliveries: number): void {
    if (!this.enabled) return;
    this.tickSeconds!.observe(seconds);
    if (deltas > 0) {
      this.deltas!.inc(deltas);
      this.deliveries!.inc(deliveries);
    }
  }

  alertPushed(): void {
    this.alertPushes?.inc();
  }

  checkpointWritten(at: number): void {
    this.checkpointAt = at;
  }

  checkpointFailed(): void {
    this.checkpointFailures++;
  }

  /** Adds the metrics read at scrape time from the services. */
  bind(src: MetricSources): void {
    if (!this.enabled) return;
    const registers = [this.registry];
    if (existsSync(src.checkpointFile)) this.checkpointAt = statSync(src.checkpointFile).mtimeMs;
    const checkpointAt = () => this.checkpointAt;
    const checkpointFailures = () => this.checkpointFailures;
    // gauges that read one number from a service at scrape time
    const readings: readonly [name: string, help: string, read: () => number | Promise<number>][] = [
      ['ioc_live_version', 'Version counter of the live state (advances with every observation or derived value applied).', () => src.live.currentVersion],
      ['ioc_live_observations_seq', 'Log position of the last observation in the live state.', () => src.live.observationsSeq],
      ['ioc_socket_clients', 'Socket.IO clients connected to this node.', () => src.io.engine.clientsCount],
      ['ioc_dossiers_in_memory', 'Dossier records held in memory.', () => src.dossiersInMemory()],
      ['ioc_store_observations_seq', 'Log position of the last stored observation.', () => src.store.lastSeq()],
    ];
    for (const [name, help, read] of readings)
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(await read());
        },
      });
    new Gauge({
      name: 'ioc_store_size_bytes',
      help: 'Bytes the store takes on disk (SQLite file and WAL, or the PostgreSQL database).',
      labelNames: ['store'],
      registers,
      async collect() {
        this.set({ store: src.store.kind }, await src.store.sizeBytes());
      },
    });
    new Gauge({
      name: 'ioc_checkpoint_age_seconds',
      help: 'Seconds since the last checkpoint was written (NaN: none yet).',
      registers,
      collect() {
        const at = checkpointAt();
        this.set(at === null ? NaN : Math.max(0, (src.clock() - at) / 1000));
      },
    });
    new Counter({
      name: 'ioc_checkpoint_failures_total',
      help: 'Checkpoints that could not be written.',
      registers,
      collect() {
        this.reset();
        this.inc(checkpointFailures());
      },
    });
    new Gauge({
      name: 'ioc_alerts_open',
      help: 'Alerts not resolved (open, acknowledged or assigned), by severity.',
      labelNames: ['severity'],
      registers,
      async collect() {
        const open = await src.openAlerts();
        for (const severity of SEVERITIES) this.set({ severity }, open.get(severity) ?? 0);
      },
    });
    this.feedMetrics(src);
  }

  /** Ingest counts, refusals by reason and health per feed, read from the feed-health books. */
  private feedMetrics(src: MetricSources): void {
    const registers = [this.registry];
    /** Every feed's snapshot at one scrape time. */
    const snapshots = () => {
      const now = src.clock();
      return Array.from(src.feeds.all(), (book) => ({ s: book.snapshot(now), now }));
    };
    new Counter({
      name: 'ioc_feed_items_total',
      help: 'Items received per feed (HTTP source, MQTT, NGSI) by outcome: accepted, duplicate, rejected, error (malformed message).',
      labelNames: ['feed', 'kind', 'source', 'outcome'],
      registers,
      collect() {
        this.reset();
        for (const { s } of snapshots()) {
          const labels = { feed: s.id, kind: s.kind, source: s.source };
          this.inc({ ...labels, outcome: 'accepted' }, s.accepted);
          this.inc({ ...labels, outcome: 'duplicate' }, s.duplicates);
          this.inc({ ...labels, outcome: 'rejected' }, s.rejected);
          this.inc({ ...labels, outcome: 'error' }, s.errors);
        }
      },
    });
    new Counter({
      name: 'ioc_feed_refusals_total',
      help: 'Items refused and errors per feed, by reason (the reason of the first error of each item).',
      labelNames: ['feed', 'source', 'reason'],
      registers,
      collect() {
        this.reset();
        for (const book of src.feeds.all()) for (const [reason, n] of book.reasonCounts()) this.inc({ feed: book.id, source: book.source, reason }, n);
      },
    });
    new Gauge({
      name: 'ioc_feed_last_seen_age_seconds',
      help: 'Seconds since each feed last sent something (absent while it never did).',
      labelNames: ['feed'],
      registers,
      collect() {
        this.reset();
        for (const { s, now } of snapshots()) if (s.lastSeen !== null) this.set({ feed: s.id }, Math.max(0, (now - s.lastSeen) / 1000));
      },
    });
    new Gauge({
      name: 'ioc_feed_status',
      help: 'Health of each feed: 1 for its current status (live, stale: silent over twice its cadence, never), 0 for the others.',
      labelNames: ['feed', 'status'],
      registers,
      collect() {
        this.reset();
        for (const { s } of snapshots()) for (const status of FEED_STATUSES) this.set({ feed: s.id, status }, s.status === status ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ioc_feed_connected',
      help: 'Whether a connector (MQTT, an NGSI broker) is connected: 1 or 0.',
      labelNames: ['feed'],
      registers,
      collect() {
        this.reset();
        for (const book of src.feeds.all()) if (book.connected !== null) this.set({ feed: book.id }, book.connected ? 1 : 0);
      },
    });
  }

  /** The exposition text (Prometheus text format 0.0.4). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
