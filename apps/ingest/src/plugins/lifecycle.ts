import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { recordConfigLoad } from '../access/config-load.ts';
import { recordRegistryLoad } from '../geo/registry-load.ts';
import {
  alertRulesHash,
  catalogueHash,
  CHECKPOINT_FILE,
  restoreState,
  writeCheckpoint,
  type CheckpointContext,
  type CheckpointWriteOptions,
} from '../live/checkpoint.ts';
import { startTicker } from '../realtime/ticker.ts';
import { startRetention } from '../store/retention.ts';

/**
 * The server's life around its requests. On ready: restore the state (checkpoint + tail of the
 * logs, or a full replay), publish the derived values, then start the periodic work (checkpoints,
 * retention, the ticker) and the connectors. On close: stop taking work, flush both writers, write
 * a last checkpoint, close the sockets and the store.
 */
export const lifecyclePlugin = fp(
  async function lifecycle(app: FastifyInstance) {
    const ioc = app.ioc;
    const { config, clock, store, live, dossiers, monitoring, alerts, reporting, index } = ioc;
    const checkpoint: CheckpointContext = {
      store,
      live,
      dossiers,
      monitoring,
      alerts,
      catalogue: catalogueHash(ioc.catalogue),
      alertRules: alertRulesHash(config.alertRules),
      republished: index.catalogue.indicators.filter((i) => i.derivedFrom === 'reporting').map((i) => i.id),
      file: join(config.dataDir, CHECKPOINT_FILE),
      clock,
    };
    // one checkpoint at a time: a periodic one while another is being written is skipped; a requested or
    // shutdown one waits for it, then writes a cut of its own (covering what came since)
    let writing: Promise<void> = Promise.resolve();
    let queued = 0;
    const saveCheckpoint = (why: 'periodic' | 'requested' | 'shutdown', opts?: CheckpointWriteOptions): Promise<void> => {
      if (why === 'periodic' && queued > 0) return writing;
      queued++;
      writing = writing.then(async () => {
        try {
          const h = await writeCheckpoint(checkpoint, opts);
          ioc.metrics.checkpointWritten(clock());
          app.log.debug({ why, observationsSeq: h.observationsSeq, dossierSeq: h.dossierSeq, bytes: h.bytes }, 'checkpoint written');
        } catch (e) {
          ioc.metrics.checkpointFailed();
          app.log.error({ err: e, file: checkpoint.file }, 'checkpoint could not be written');
        } finally {
          queued--;
        }
      });
      return writing;
    };
    let stopTicker: (() => void) | null = null;
    let checkpointTimer: NodeJS.Timeout | null = null;
    let stopRetention: (() => Promise<void>) | null = null;
    app.decorate('checkpointNow', (opts?: CheckpointWriteOptions) => saveCheckpoint('requested', opts));
    app.decorate('startup', null);

    app.addHook('onReady', async () => {
      const t0 = Date.now();
      mkdirSync(config.dataDir, { recursive: true });
      // reference documents first: the dossiers folded by the replay need the catalogue and the calendar
      await ioc.calendars.load();
      await ioc.procedures.load();
      await ioc.geo.load();
      // the registry and agency catalogue this start runs on, in the audit log when they changed (an IOC_AREAS_FILE change shows there)
      await recordRegistryLoad(ioc.audit, store.auditLog, config.registry, config.agencies);
      // the alert thresholds this start evaluates (IOC_ALERT_RULES_FILE, or the defaults), likewise once per change
      await recordConfigLoad(ioc.audit, store.auditLog, {
        action: 'alert_rules.load',
        target: 'alert-rules',
        hash: alertRulesHash(config.alertRules),
        details: { rules: config.alertRules.length, ids: config.alertRules.map((r) => r.id) },
      });
      if (config.proceduresFile) await ioc.procedures.loadFile(config.proceduresFile, clock());
      await ioc.score766Splits.load();
      // tests only: a restore that outlasts Fastify's 10 s plugin timeout (test/slow-restore.int.test.ts)
      if (config.testRestoreDelayMs > 0) await new Promise((r) => setTimeout(r, config.testRestoreDelayMs));
      const r = await restoreState(
        checkpoint,
        (msg, extra) => app.log.warn(extra ?? {}, msg),
        (batch) => {
          const derived = ioc.monitor(batch);
          if (derived.length > 0) live.applyDerived(derived);
        },
      );
      app.startup = r;
      // PAKN and ratings are not in the checkpoint: their logs are replayed whole (tens of thousands a year)
      await store.replayPaknEvents(0, (b) => ioc.pakn.applyCommitted(b));
      await store.replayRatings(0, (b) => ioc.ratings.applyCommitted(b));
      await alerts.flush();
      alerts.goLive();
      dossiers.startPublishing(clock);
      await reporting.publish();
      live.markReady();
      dossiers.markReady();
      // several nodes: from now on every node applies the shared logs (its own commits included) in seq order
      ioc.follower?.start();
      await ioc.cluster?.start();
      app.log.info(
        { from: r.from, events: r.observations, dossierEvents: r.dossierEvents, dossiers: dossiers.size, ms: Date.now() - t0, epoch: live.epoch },
        r.from === 'checkpoint' ? 'live state restored from the checkpoint and the tail of the logs' : 'live state rebuilt from the logs',
      );
      if (config.checkpointIntervalMs > 0) {
        checkpointTimer = setInterval(() => void saveCheckpoint('periodic'), config.checkpointIntervalMs);
        checkpointTimer.unref();
      }
      if (config.retentionDays > 0)
        stopRetention = startRetention({ store, clock, days: config.retentionDays, everyMs: config.retentionIntervalMs, log: app.log });
      stopTicker = startTicker({
        live,
        broadcaster: ioc.broadcaster,
        clock,
        tickMs: config.tickMs,
        heartbeatMs: config.heartbeatMs,
        // with IOC_REDIS_URL: 'degraded' while the Redis link is down (other nodes' pushes miss this node's clients)
        fanout: () => (ioc.redis && !ioc.redis.ready ? 'degraded' : 'ok'),
        // the dossier service publishes on its own clock (procedures/dossier-publication.ts)
        beforeTick: (now) => {
          alerts.checkSilence(now);
          ioc.wallPins.tick(now);
        },
        onPush: (seconds, deltas, deliveries) => ioc.metrics.tick(seconds, deltas, deliveries),
      });
      await ioc.connectors.start();
      // briefing pins in force keep their end time across a restart
      await ioc.wallPins.start();
    });

    app.addHook('preClose', async () => {
      ioc.closing = true;
      stopTicker?.();
      ioc.wallPins.close();
      dossiers.stopPublishing();
      await ioc.connectors.stop();
      ioc.io.disconnectSockets(true);
      await ioc.writer.close();
      await ioc.dossierWriter.close();
      await ioc.paknWriter.close();
      await ioc.ratingWriter.close();
      if (checkpointTimer) clearInterval(checkpointTimer);
      await stopRetention?.();
      // the evaluator lock goes with its connection: another node takes it over
      await ioc.cluster?.stop();
      // everything acknowledged is applied: the next start replays nothing
      if (live.ready) await saveCheckpoint('shutdown');
      await alerts.flush();
    });

    app.addHook('onClose', async () => {
      await new Promise<void>((r) => ioc.io.close(() => r()));
      await ioc.redis?.close();
      await store.close();
    });
  },
  { name: 'ioc-lifecycle' },
);
