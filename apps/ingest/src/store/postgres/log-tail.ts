import pg from 'pg';
import { types } from './pool.ts';

/**
 * Several ingest nodes on one PostgreSQL database (issue 16): what the database gives them so
 * that every node can follow the shared logs and exactly one evaluates the alert rules.
 *
 * - **Commit order = log order.** A statement-level BEFORE INSERT trigger takes a transaction
 *   advisory lock per log before any row gets its identity value, so appends to one log commit
 *   one after the other: when a reader sees seq s committed, every seq below s that will ever be
 *   committed already is. A reader that keeps "everything up to s" and asks for `seq > s` never
 *   skips a row another node was still committing (identity values are handed out before commit,
 *   so without the lock a later seq could become visible first).
 * - **A wake-up per committed batch.** A statement-level AFTER INSERT trigger calls `pg_notify`
 *   with the log's name; PostgreSQL delivers it at COMMIT (never for a rolled-back batch).
 *   Listeners then read the log from their position; a periodic catch-up read is the safety net
 *   for a notification lost with a dropped connection.
 * - **One alert evaluator.** A session-level advisory lock held by a dedicated connection: its
 *   holder evaluates the rules, and PostgreSQL releases it when that connection ends (the node
 *   died or was cut off), so another node's next attempt takes it over.
 */
export const LOG_TAIL_MIGRATION = {
  name: 'log tail: commit order = seq order, NOTIFY per committed batch',
  sql: `
    CREATE FUNCTION ioc_log_serialize() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_xact_lock(hashtext('ioc_log:' || TG_TABLE_NAME)); RETURN NULL; END $$;
    CREATE FUNCTION ioc_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('ioc_log', TG_TABLE_NAME); RETURN NULL; END $$;
    CREATE TRIGGER observations_serialize BEFORE INSERT ON observations FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_serialize();
    CREATE TRIGGER observations_notify AFTER INSERT ON observations FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_notify();
    CREATE TRIGGER dossier_events_serialize BEFORE INSERT ON dossier_events FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_serialize();
    CREATE TRIGGER dossier_events_notify AFTER INSERT ON dossier_events FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_notify();
    CREATE TRIGGER pakn_events_serialize BEFORE INSERT ON pakn_events FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_serialize();
    CREATE TRIGGER pakn_events_notify AFTER INSERT ON pakn_events FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_notify();
    CREATE TRIGGER dossier_ratings_serialize BEFORE INSERT ON dossier_ratings FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_serialize();
    CREATE TRIGGER dossier_ratings_notify AFTER INSERT ON dossier_ratings FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_notify();
  `,
};

/**
 * Uploads followed across nodes: a report import (report_submissions) or a reference document
 * (reference_items: procedure catalogue, holiday schedules, boundary imports, 766 splits) wakes
 * every node like a log append; the node then compares the tables' counts with what it applied.
 * Replaced by DOCUMENT_STAMPS_MIGRATION (27), which also follows UPDATE and DELETE.
 */
export const DOCUMENT_NOTIFY_MIGRATION = {
  name: 'uploads followed across nodes: NOTIFY per committed reference document or report import',
  sql: `
    CREATE TRIGGER reference_items_notify AFTER INSERT ON reference_items FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_notify();
    CREATE TRIGGER report_submissions_notify AFTER INSERT ON report_submissions FOR EACH STATEMENT EXECUTE FUNCTION ioc_log_notify();
  `,
};
/**
 * Every change a user can make to a followed table, not only an insert: a per-key version in
 * `document_stamps`, moved in the same transaction as the change by statement-level triggers on
 * INSERT, UPDATE and DELETE (their transition tables name the kinds touched; a statement that
 * touched no row moves nothing), with the wake-up sent at COMMIT. It replaces migration 26's
 * row counts, which an UPDATE (an alert review on a report, a feed key revoked) or a DELETE does
 * not move, and which cost a COUNT over the whole table on every wake-up. Keys:
 * 'reference:<kind>' (reference_items), 'reports' (report_submissions), 'access:feeds'
 * (feed_sources, feed_keys: the in-memory keyring of every node), 'access:sessions' (a session
 * ended, a user edited or removed, a device revoked: every node's session cache and the sessions
 * of its open sockets; not a session's creation, a sign-in's time or a last-seen time, which
 * change on every use). The start values are the old
 * counts: any start does, a node compares a key's version with the one it last applied.
 */
export const DOCUMENT_STAMPS_MIGRATION = {
  name: 'changes followed across nodes: a version per followed kind, moved by INSERT, UPDATE and DELETE',
  sql: `
    DROP TRIGGER reference_items_notify ON reference_items;
    DROP TRIGGER report_submissions_notify ON report_submissions;
    CREATE TABLE document_stamps (k TEXT PRIMARY KEY, n BIGINT NOT NULL);
    INSERT INTO document_stamps (k, n)
      SELECT 'reference:' || kind, COUNT(*) FROM reference_items GROUP BY kind
      UNION ALL SELECT 'reports', COUNT(*) FROM report_submissions HAVING COUNT(*) > 0;
    CREATE FUNCTION ioc_document_bump(ks TEXT[], tbl TEXT) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF ks IS NULL THEN RETURN; END IF;
      INSERT INTO document_stamps (k, n) SELECT DISTINCT k, 1 FROM unnest(ks) AS k
        ON CONFLICT (k) DO UPDATE SET n = document_stamps.n + 1;
      PERFORM pg_notify('ioc_log', tbl);
    END $$;
    -- each branch reads only the transition tables its event has (PL/pgSQL plans a statement when it first runs)
    CREATE FUNCTION ioc_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ks TEXT[];
    BEGIN
      IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT 'reference:' || kind) INTO ks FROM changed;
      ELSIF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT 'reference:' || kind) INTO ks FROM gone;
      ELSE SELECT array_agg(DISTINCT 'reference:' || kind) INTO ks FROM (SELECT kind FROM changed UNION SELECT kind FROM gone) AS t;
      END IF;
      PERFORM ioc_document_bump(ks, TG_TABLE_NAME);
      RETURN NULL;
    END $$;
    -- the key is the trigger's argument
    CREATE FUNCTION ioc_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE touched BOOLEAN;
    BEGIN
      IF TG_OP = 'DELETE' THEN touched := EXISTS (SELECT 1 FROM gone);
      ELSE touched := EXISTS (SELECT 1 FROM changed);
      END IF;
      IF touched THEN PERFORM ioc_document_bump(ARRAY[TG_ARGV[0]], TG_TABLE_NAME); END IF;
      RETURN NULL;
    END $$;
    -- an account edited (not a sign-in's last_login_at) or a device revoked (not its last_seen_at, moved on every use)
    CREATE FUNCTION ioc_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE touched BOOLEAN;
    BEGIN
      IF TG_TABLE_NAME = 'devices' THEN
        touched := EXISTS (SELECT 1 FROM changed JOIN gone USING (id) WHERE changed.revoked_at IS DISTINCT FROM gone.revoked_at);
      ELSE
        touched := EXISTS (SELECT 1 FROM changed JOIN gone USING (id)
          WHERE (changed.username, changed.name, changed.role, changed.scopes, changed.password_hash, changed.disabled, changed.subject)
            IS DISTINCT FROM (gone.username, gone.name, gone.role, gone.scopes, gone.password_hash, gone.disabled, gone.subject));
      END IF;
      IF touched THEN PERFORM ioc_document_bump(ARRAY['access:sessions'], TG_TABLE_NAME); END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER reference_items_stamp_insert AFTER INSERT ON reference_items REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION ioc_reference_changed();
    CREATE TRIGGER reference_items_stamp_update AFTER UPDATE ON reference_items REFERENCING OLD TABLE AS gone NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION ioc_reference_changed();
    CREATE TRIGGER reference_items_stamp_delete AFTER DELETE ON reference_items REFERENCING OLD TABLE AS gone
      FOR EACH STATEMENT EXECUTE FUNCTION ioc_reference_changed();
    ${(
      [
        ['report_submissions', 'reports'],
        ['feed_sources', 'access:feeds'],
        ['feed_keys', 'access:feeds'],
      ] as const
    )
      .map(
        ([t, k]) => `
    CREATE TRIGGER ${t}_stamp_insert AFTER INSERT ON ${t} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ioc_table_changed('${k}');
    CREATE TRIGGER ${t}_stamp_update AFTER UPDATE ON ${t} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ioc_table_changed('${k}');
    CREATE TRIGGER ${t}_stamp_delete AFTER DELETE ON ${t} REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION ioc_table_changed('${k}');`,
      )
      .join('')}
    CREATE TRIGGER sessions_stamp_delete AFTER DELETE ON sessions REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION ioc_table_changed('access:sessions');
    CREATE TRIGGER devices_stamp_update AFTER UPDATE ON devices REFERENCING OLD TABLE AS gone NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION ioc_account_changed();
    CREATE TRIGGER users_stamp_update AFTER UPDATE ON users REFERENCING OLD TABLE AS gone NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION ioc_account_changed();
    CREATE TRIGGER users_stamp_delete AFTER DELETE ON users REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION ioc_table_changed('access:sessions');
  `,
};
/** The tables whose changes move a stamp (the NOTIFY payloads that ask for a read of the stamps). */
const DOCUMENT_TABLES: readonly string[] = ['reference_items', 'report_submissions', 'feed_sources', 'feed_keys', 'users', 'sessions', 'devices'];

/** What a node compares to know which changes it has not applied: one version per followed key (DOCUMENT_STAMPS_MIGRATION). */
const DOCUMENT_STAMPS_SQL = `SELECT k, n FROM document_stamps`;
export type DocumentStamps = ReadonlyMap<string, number>;

/** The channel of the log notifications; the payload is the table. */
export const LOG_CHANNEL = 'ioc_log';
/** An arbitrary constant: the session advisory lock of the alert evaluator. */
export const ALERT_LEADER_LOCK = 0x10c0_a1e7;
/** The `meta` key of the observation seq up to which the evaluator has stored every alert signal. */
const ALERT_POSITION_KEY = 'alerts_seq';

export type LogName = 'observations' | 'dossier_events' | 'pakn_events' | 'dossier_ratings';
const LOG_NAMES: readonly string[] = ['observations', 'dossier_events', 'pakn_events', 'dossier_ratings'];

export interface ClusterEvents {
  /** A committed batch of another node (or our own), or the periodic catch-up: read the logs from our position. */
  wake(log: LogName | 'all'): void;
  /** This node became (true) or stopped being (false) the alert evaluator. */
  leader(on: boolean): void;
  /** The evaluator's stored position, read on every poll (followers drop the signals it covers). */
  alertPosition(seq: number): void;
  /** The uploads' stamps, read on every poll and on a document's notification (live/document-follower.ts). */
  documents?(stamps: DocumentStamps): void;
  /** Connection trouble and recovery, for the log. */
  log(level: 'info' | 'warn', msg: string, extra?: object): void;
}

/**
 * A node's membership of the cluster: one connection that LISTENs and polls, one that holds (or
 * tries to take) the evaluator lock. Both reconnect on their own; while the database is
 * unreachable `healthy` is false (the node answers not-ready) and the node is not the evaluator.
 */
export class PostgresCluster {
  private listener: pg.Client | null = null;
  private locker: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private polling = false;
  /** The last poll reached the database. */
  healthy = false;
  /** Why not, when not (no secret in it). */
  problem: string | null = 'not started';
  isLeader = false;

  constructor(
    private readonly url: string,
    private readonly pollMs: number,
    private readonly on: ClusterEvents,
  ) {}

  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  /** The evaluator records how far its signals are stored: a successor starts from there. */
  async storeAlertPosition(seq: number): Promise<void> {
    if (!this.isLeader || !this.locker) return;
    await this.locker.query(
      `INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
       WHERE (meta.value)::bigint < (excluded.value)::bigint`,
      [ALERT_POSITION_KEY, String(seq)],
    );
  }

  /** One round: (re)connect, catch up, read the evaluator's position, try to take the lock. */
  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      if (!this.listener) this.listener = await this.connect('listen');
      if (!this.listener) return;
      const pos = await this.listener.query<{ value: string }>(`SELECT value FROM meta WHERE key = $1`, [ALERT_POSITION_KEY]);
      this.setHealthy(null);
      this.on.wake('all');
      await this.readDocuments(this.listener).catch((e: unknown) => this.on.log('warn', `reading the uploads failed: ${(e as Error).message}`));
      if (pos.rows[0]) this.on.alertPosition(Number(pos.rows[0].value));
      if (!this.isLeader) await this.tryLead();
    } catch (e) {
      this.setHealthy(`PostgreSQL unreachable: ${(e as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  /** Reads the uploads' stamps and hands them over (nothing without a listener for them). */
  private async readDocuments(c: pg.Client): Promise<void> {
    if (!this.on.documents) return;
    const r = await c.query<{ k: string; n: number }>(DOCUMENT_STAMPS_SQL);
    this.on.documents(new Map(r.rows.map((x) => [x.k, x.n])));
  }

  private async tryLead(): Promise<void> {
    if (!this.locker) this.locker = await this.connect('lock');
    if (!this.locker) return;
    const r = await this.locker.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [ALERT_LEADER_LOCK]);
    if (r.rows[0]?.ok && !this.stopped) {
      this.isLeader = true;
      this.on.log('info', 'this node now evaluates the alert rules (advisory lock taken)');
      this.on.leader(true);
    }
  }

  private async connect(role: 'listen' | 'lock'): Promise<pg.Client | null> {
    const c = new pg.Client({ connectionString: this.url, types, application_name: `cityioc-${role}` });
    const lost = (err?: Error) => {
      if (role === 'listen' && this.listener === c) this.listener = null;
      if (role === 'lock' && this.locker === c) {
        this.locker = null;
        if (this.isLeader) {
          this.isLeader = false;
          this.on.log('warn', 'lost the alert evaluator lock (connection ended)', { err: err?.message });
          this.on.leader(false);
        }
      }
      if (role === 'listen' && !this.stopped) this.setHealthy(`PostgreSQL connection lost${err ? `: ${err.message}` : ''}`);
      void c.end().catch(() => undefined);
    };
    c.on('error', (err) => lost(err));
    c.on('end', () => lost());
    try {
      await c.connect();
    } catch (e) {
      void c.end().catch(() => undefined);
      throw e;
    }
    if (role === 'listen') {
      c.on('notification', (n) => {
        if (n.channel !== LOG_CHANNEL) return;
        if (n.payload && DOCUMENT_TABLES.includes(n.payload))
          void this.readDocuments(c).catch((e: unknown) => this.on.log('warn', `reading the uploads failed: ${(e as Error).message}`));
        else this.on.wake(n.payload && LOG_NAMES.includes(n.payload) ? (n.payload as LogName) : 'all');
      });
      await c.query(`LISTEN ${LOG_CHANNEL}`);
    }
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return null;
    }
    return c;
  }

  private setHealthy(problem: string | null): void {
    const was = this.healthy;
    this.healthy = problem === null;
    this.problem = problem;
    if (was && problem) this.on.log('warn', problem);
    if (!was && !problem) this.on.log('info', 'PostgreSQL reachable: following the shared logs');
  }

  /** Ends both connections (the lock goes with its session). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const cs = [this.listener, this.locker];
    this.listener = this.locker = null;
    this.isLeader = false;
    await Promise.all(cs.map((c) => c?.end().catch(() => undefined)));
  }
}
