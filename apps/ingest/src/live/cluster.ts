import type { FastifyInstance } from 'fastify';
import type { Observation } from '@cityioc/contracts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AuditService } from '../access/audit.service.ts';
import type { FeedKeyring } from '../access/feed-keyring.ts';
import type { SessionService } from '../access/sessions.ts';
import type { AlertService } from '../alerts/alert.service.ts';
import type { DossierService } from '../procedures/dossier.service.ts';
import type { PaknService } from '../procedures/pakn.service.ts';
import type { RatingService } from '../procedures/rating.service.ts';
import { PostgresCluster, type DocumentStamps } from '../store/postgres/log-tail.ts';
import type { Store } from '../store/store.ts';
import { BOUNDARY_KIND, type GeoService } from '../geo/geo.service.ts';
import { SCHEDULE_KIND, type CalendarService } from '../procedures/calendar.service.ts';
import { PROCEDURE_KIND, type ProcedureService } from '../procedures/procedure.service.ts';
import { SPLIT_KIND, type Score766SplitService } from '../procedures/score766-splits.ts';
import type { ReportingService } from '../reporting/reporting.service.ts';
import { DocumentFollower } from './document-follower.ts';
import type { LiveService } from './live.service.ts';
import { LogFollower, type FollowedLog } from './log-follower.ts';

/*
 * The wiring of several nodes on one PostgreSQL database (issue 16), used by services.ts: the
 * writers' wait for the follower, the follower's readers, the cluster's events.
 */

/** A shared log's append: the writer answers once the follower applied the commit (and whatever other nodes committed before it). */
export function afterCatchUp<T>(follower: () => LogFollower, log: FollowedLog, append: (b: readonly T[]) => Promise<(number | null)[]>) {
  return async (b: readonly T[]) => {
    const seqs = await append(b);
    await follower().catchUp(log);
    return seqs;
  };
}

/** The readers of the shared logs: each from its service's position, through the same code as the start-up replay. */
export function followerOf(
  app: FastifyInstance,
  store: Store,
  s: { live: LiveService; dossiers: DossierService; pakn: PaknService; ratings: RatingService; applyObservations: (b: Observation[]) => void },
): LogFollower {
  const counted =
    <B extends readonly unknown[]>(apply: (b: B) => void) =>
    (read: (onBatch: (b: B) => void) => Promise<number>) =>
    async () => {
      let n = 0;
      await read((b) => {
        apply(b);
        n += b.length;
      });
      return n;
    };
  return new LogFollower(
    {
      observations: counted(s.applyObservations)((f) => store.replay(s.live.observationsSeq, f)),
      dossier_events: counted((b: Parameters<DossierService['applyCommitted']>[0]) => s.dossiers.applyCommitted(b))((f) =>
        store.replayDossierEvents(s.dossiers.eventsSeq, f),
      ),
      pakn_events: counted((b: Parameters<PaknService['applyCommitted']>[0]) => s.pakn.applyCommitted(b))((f) => store.replayPaknEvents(s.pakn.eventsSeq, f)),
      dossier_ratings: counted((b: Parameters<RatingService['applyCommitted']>[0]) => s.ratings.applyCommitted(b))((f) =>
        store.replayRatings(s.ratings.ratingsSeq, f),
      ),
    },
    (err) => app.log.error({ err }, 'reading the shared logs failed'),
  );
}

/**
 * The changes a node follows (live/document-follower.ts), by the store's stamp key: each kind of
 * reference document through its service's refresh, the report imports and reviews through the
 * reporting service's publication (the reads answer from the store already), the feed sources and
 * keys through the keyring's re-read (a key created, revoked or re-granted on another node opens or
 * closes this node's feeds at the wake-up, not at the keyring's 30 s safety re-read), the sessions
 * and accounts through a re-check of the cached sessions and of the open sockets' (a logout, a
 * disabled user, a revoked device on another node closes them here at the wake-up). The wall
 * playlist and pins are read from the store on every request and push: not followed.
 */
export function documentFollowerOf(
  app: FastifyInstance,
  s: {
    procedures: ProcedureService;
    calendars: CalendarService;
    geo: GeoService;
    score766Splits: Score766SplitService;
    reporting: ReportingService;
    keyring: FeedKeyring;
    sessions: SessionService;
  },
): DocumentFollower {
  return new DocumentFollower(
    {
      [`reference:${PROCEDURE_KIND}`]: () => s.procedures.refresh(),
      [`reference:${SCHEDULE_KIND}`]: () => s.calendars.refresh(),
      [`reference:${BOUNDARY_KIND}`]: () => s.geo.refresh(),
      [`reference:${SPLIT_KIND}`]: async () => {
        await s.score766Splits.load(); // keeps the latest version per key: a reload is a refresh
        return 1;
      },
      reports: () => s.reporting.publish(),
      'access:feeds': async () => {
        await s.keyring.reload();
        return 1;
      },
      'access:sessions': async () => {
        s.sessions.recheckAll();
        return 1;
      },
    },
    (key, err) => app.log.error({ err, key }, 'applying an upload of another node failed'),
  );
}

/** A node's name in the audit log: host, process and a per-start tag (two nodes may share a host, a pid namespace or a process in tests). */
export const nodeName = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * The node's membership of the cluster: wake-ups read the logs, the evaluator lock gates the alert
 * signals. Each change of evaluator is in the audit log ('alerts.evaluator', actor 'system'), so an
 * operator can tell which node raised an alert and when another took over.
 */
export function clusterOf(
  app: FastifyInstance,
  url: string,
  pollMs: number,
  follower: LogFollower,
  alerts: AlertService,
  audit: AuditService,
  documents?: DocumentFollower,
  node = nodeName(),
): PostgresCluster {
  const cluster: PostgresCluster = new PostgresCluster(url, pollMs, {
    wake: (log) =>
      void follower.catchUp(log === 'all' ? 'all' : log).then(async () => {
        // the evaluator publishes how far its signals are stored, for its successor and the followers
        if (log !== 'all' || !cluster.isLeader) return;
        await alerts.flush();
        await cluster.storeAlertPosition(alerts.storedUpTo()).catch((err: unknown) => app.log.warn({ err }, 'alert position not stored'));
      }),
    leader: (on) => {
      alerts.setLeader(on);
      void audit.record({ actor: 'system', action: 'alerts.evaluator', target: node, details: { evaluates: on, alertsSeq: alerts.storedUpTo() } });
    },
    alertPosition: (seq) => {
      if (!cluster.isLeader) alerts.dropCovered(seq);
    },
    ...(documents ? { documents: (stamps: DocumentStamps) => void documents.offer(stamps) } : {}),
    log: (level, msg, extra) => app.log[level](extra ?? {}, msg),
  });
  return cluster;
}
