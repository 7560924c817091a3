import { createHash } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Catalogue, Observation } from '@cityioc/contracts';
import { DOSSIER_LIVE_INDICATOR_IDS, type AlertRule, type LiveStateData } from '@cityioc/domain';
import type { DossierService, DossierServiceHead } from '../procedures/dossier.service.ts';
import type { AlertService, AlertServiceData } from '../alerts/alert.service.ts';
import type { MonitoringData, MonitoringService } from '../monitoring/monitoring.service.ts';
import type { Store } from '../store/store.ts';
import { hashFrom, LineWriter, readFirstLine, readLines } from './checkpoint-file.ts';
import type { LiveService } from './live.service.ts';

/**
 * Checkpoints of the in-memory state, so that a restart loads the checkpoint and replays only
 * the tail of the logs instead of all of them.
 *
 * Where: an atomic file next to the data (`<IOC_DATA_DIR>/checkpoint.json`, written to a temp
 * file, fsynced, renamed, directory fsynced; asynchronously, in chunks, from a cut of the state taken
 * at once: `writeCheckpoint`) for both stores: it is a cache of a pure function
 * of the log, so losing it costs one full replay, never data. With PostgreSQL each node keeps
 * its own in its data dir.
 *
 * Format: one header line (JSON: format, version, store kind and epoch, catalogue hash, log
 * positions covered, sha256 and length of the body, padded with spaces to a fixed length) then the
 * body: lines of JSON, written and read in 1 MB chunks (checkpoint-file.ts) so that no string holds
 * the whole state: the first line holds the live, monitoring and alert states and the dossier
 * service's head, then one line per dossier, `[code, packed facts]`. A checkpoint is
 * ignored (logged, then a full replay) when it is missing, corrupt, of another format version,
 * of another store (epoch), of another catalogue or alert rules, or ahead of the log (a restored
 * backup).
 *
 * Body (version 4): the live state (without the values republished at start: dossier-derived
 * and reported ones), the dossier service, the monitoring service (hourly means, NowCast/daily
 * revisions) and the alert engine (hysteresis, hold and window state, signals not yet stored),
 * so that the tail replay derives exactly what a full replay derives. Version 3: VN_AQI rounded
 * to the nearest integer, daily O₃ windows from the evening before, receipt times in the silence
 * rules' state. Version 4: each dossier's facts packed into a string (`packFacts`) with the
 * string table they name (issue 16 #7). Version 5: the body as lines, one per dossier (a single
 * JSON body reached ~400 MB at 2 M dossiers). An older file is ignored, so the first start replays the log.
 */
export const CHECKPOINT_FORMAT = 'cityioc-checkpoint';
export const CHECKPOINT_VERSION = 5;
/** The header line's length with its padding (the header is written last, over the padding, once the body's hash is known). */
const HEADER_BYTES = 1024;
export const CHECKPOINT_FILE = 'checkpoint.json';

interface Header {
  format: string;
  version: number;
  storeKind: string;
  storeEpoch: string;
  catalogue: string;
  alertRules: string;
  observationsSeq: number;
  dossierSeq: number;
  /**
   * Coverage: the state holds every entry up to `covered*` (the start-up replay) and the
   * `own*` entries this process appended after it. Another node writing to the same database
   * leaves entries in between that the state lacks: then the count differs and the checkpoint
   * is not used.
   */
  coveredObservations: number;
  ownObservations: number;
  coveredDossiers: number;
  ownDossiers: number;
  createdAt: number;
  bytes: number;
  sha256: string;
}

/** The body's first line; the dossiers follow it, one line each. */
interface Body {
  live: { observationsSeq: number; version: number; state: LiveStateData };
  dossiers: DossierServiceHead;
  monitoring: MonitoringData;
  alerts: AlertServiceData;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function catalogueHash(catalogue: Catalogue): string {
  return sha256(JSON.stringify(catalogue)).slice(0, 16);
}

export function alertRulesHash(rules: readonly AlertRule[]): string {
  return sha256(JSON.stringify(rules)).slice(0, 16);
}

export interface CheckpointContext {
  store: Store;
  live: LiveService;
  dossiers: DossierService;
  monitoring: MonitoringService;
  alerts: AlertService;
  catalogue: string;
  /** Hash of the alert rules: the engine state belongs to them. */
  alertRules: string;
  /** Live indicators republished at start from other state (reported values): not checkpointed. */
  republished: readonly string[];
  file: string;
  clock: () => number;
}

/**
 * The state at one instant, taken synchronously between two commits (nothing is applied while it is
 * taken): the header's positions and coverage, the body's first line already serialized, and the
 * dossiers as of that instant: those in memory packed into strings, the packed ones frozen in their
 * arena (its slot arrays copied, its chunks held; each decoded only when written). Writing it
 * afterwards, in chunks across turns of the event loop, cannot let a later commit leak into the file:
 * whatever is applied meanwhile changes the services' maps and the arena's live index, not the
 * cut. The tail after `observationsSeq`/`dossierSeq` is replayed from the log at restore.
 */
interface Cut {
  header: Omit<Header, 'bytes' | 'sha256'>;
  first: string;
  /** `[code, packed facts]` as of the cut, decoded as the writer reads them (DossierMemory.exportPacked). */
  dossiers: Iterable<[string, string]>;
}

function takeCut(ctx: CheckpointContext): Cut {
  const skip = new Set<string>([...DOSSIER_LIVE_INDICATOR_IDS, ...ctx.republished]);
  const { dossiers, ...dossierHead } = ctx.dossiers.exportState();
  const body: Body = {
    live: ctx.live.exportState((indicator) => !skip.has(indicator)),
    dossiers: dossierHead,
    monitoring: ctx.monitoring.exportState(),
    alerts: ctx.alerts.exportState(),
  };
  return {
    header: {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      storeKind: ctx.store.kind,
      storeEpoch: ctx.store.epoch,
      catalogue: ctx.catalogue,
      alertRules: ctx.alertRules,
      observationsSeq: body.live.observationsSeq,
      dossierSeq: body.dossiers.eventsSeq,
      coveredObservations: ctx.live.coveredSeq,
      ownObservations: ctx.live.appliedSinceStart,
      coveredDossiers: ctx.dossiers.coveredSeq,
      ownDossiers: ctx.dossiers.appliedSinceStart,
      createdAt: ctx.clock(),
    },
    first: JSON.stringify(body),
    dossiers,
  };
}

export interface CheckpointWriteOptions {
  /** Bytes serialized per turn of the event loop (checkpoint-file.ts WRITE_CHUNK by default). */
  chunkBytes?: number;
  /** Awaited after each chunk is written (tests: to apply events while the checkpoint is being written). */
  onChunk?: () => unknown;
}

/** Writes a cut to `file`: the padded header's room, the body's lines chunk by chunk, then the header over its room. */
async function writeCut(cut: Cut, file: FileHandle, opts: CheckpointWriteOptions): Promise<Header> {
  const out = new LineWriter(file, HEADER_BYTES, opts.chunkBytes);
  const chunk = async () => {
    await out.flush();
    await opts.onChunk?.();
  };
  if (out.line(cut.first)) await chunk();
  for (const entry of cut.dossiers) if (out.line(JSON.stringify(entry))) await chunk();
  const { bytes, sha256: digest } = await out.end();
  const header: Header = { ...cut.header, bytes, sha256: digest };
  const line = JSON.stringify(header);
  if (Buffer.byteLength(line) >= HEADER_BYTES) throw new Error(`checkpoint header of ${Buffer.byteLength(line)} bytes, room for ${HEADER_BYTES - 1}`);
  const room = Buffer.alloc(HEADER_BYTES, 0x20);
  room.write(line, 0);
  room[HEADER_BYTES - 1] = 0x0a;
  await file.write(room, 0, HEADER_BYTES, 0);
  return header;
}

/**
 * Writes the checkpoint without holding the event loop: the state is cut at once (`takeCut`), then
 * written in chunks, each an asynchronous write, so requests, ticks and commits go on between them.
 * Atomic: a temp file, fsynced, renamed over the old one, the directory fsynced; a crash (or an error)
 * mid-write leaves the previous checkpoint in place. One at a time per file (the caller queues them).
 */
export async function writeCheckpoint(ctx: CheckpointContext, opts: CheckpointWriteOptions = {}): Promise<Header> {
  const cut = takeCut(ctx);
  const tmp = `${ctx.file}.tmp`;
  const file = await open(tmp, 'w');
  let header: Header;
  try {
    header = await writeCut(cut, file, opts);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, ctx.file);
  const dir = await open(dirname(ctx.file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return header;
}

export function removeCheckpoint(dataDir: string): void {
  rmSync(join(dataDir, CHECKPOINT_FILE), { force: true });
  rmSync(join(dataDir, `${CHECKPOINT_FILE}.tmp`), { force: true });
}

/** A usable checkpoint: its header, its body's first line, and its dossiers read from the file as they are consumed. */
export interface CheckpointRead {
  header: Header;
  body: Body;
  /** The dossiers' lines, `[code, packed facts]`; the file is closed when they are all read or by `close`. */
  dossiers: Generator<[string, string]>;
  close(): void;
}

/** Reads and checks a checkpoint; `{ reason }` says why it cannot be used. */
export async function readCheckpoint(
  ctx: Pick<CheckpointContext, 'store' | 'catalogue' | 'alertRules' | 'file'>,
): Promise<CheckpointRead | { reason: string }> {
  let fd: number;
  try {
    fd = openSync(ctx.file, 'r');
  } catch {
    return { reason: 'no checkpoint' };
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    const read = await readChecked(ctx, fd);
    if ('reason' in read) {
      close();
      return read;
    }
    const lines = readLines(fd, read.next);
    let body: Body;
    try {
      body = JSON.parse(lines.next().value ?? '') as Body;
    } catch {
      close();
      return { reason: 'corrupt body' };
    }
    const dossiers = function* (): Generator<[string, string]> {
      try {
        for (const line of lines) yield JSON.parse(line) as [string, string];
      } finally {
        close();
      }
    };
    return { header: read.header, body, dossiers: dossiers(), close };
  } catch (e) {
    close();
    throw e;
  }
}

async function readChecked(
  ctx: Pick<CheckpointContext, 'store' | 'catalogue' | 'alertRules'>,
  fd: number,
): Promise<{ header: Header; next: number } | { reason: string }> {
  const first = readFirstLine(fd);
  let header: Header;
  try {
    header = JSON.parse(first?.line ?? '') as Header;
  } catch {
    return { reason: 'corrupt header' };
  }
  if (header.format !== CHECKPOINT_FORMAT) return { reason: `not a checkpoint (format ${String(header.format)})` };
  if (header.version !== CHECKPOINT_VERSION) return { reason: `format version ${header.version}, this server reads ${CHECKPOINT_VERSION}` };
  if (header.storeKind !== ctx.store.kind || header.storeEpoch !== ctx.store.epoch)
    return { reason: `written for another store (${header.storeKind} ${header.storeEpoch})` };
  if (header.catalogue !== ctx.catalogue) return { reason: 'written with another catalogue' };
  if (header.alertRules !== ctx.alertRules) return { reason: 'written with other alert rules' };
  const next = first!.next;
  const sum = hashFrom(fd, next);
  if (sum.bytes !== header.bytes || sum.sha256 !== header.sha256) return { reason: 'corrupt body (checksum mismatch)' };
  if (header.observationsSeq > (await ctx.store.lastSeq())) return { reason: 'ahead of the observation log (a restored backup?)' };
  // A shared database may have had other writers; the embedded file has one (the server holding
  // it), and counting its table would cost a scan of everything written since the last start.
  if (ctx.store.kind !== 'sqlite') {
    if ((await ctx.store.countRange('observations', header.coveredObservations, header.observationsSeq)) !== header.ownObservations)
      return { reason: 'the observation log has entries the checkpoint does not cover (another writer, or retention)' };
    if ((await ctx.store.countRange('dossier_events', header.coveredDossiers, header.dossierSeq)) !== header.ownDossiers)
      return { reason: 'the dossier log has entries the checkpoint does not cover (another writer)' };
  }
  return { header, next };
}

export interface RestoreResult {
  from: 'checkpoint' | 'full-replay';
  reason?: string;
  observations: number;
  dossierEvents: number;
}

/**
 * Rebuilds the live, dossier, monitoring and alert-engine state: from the checkpoint plus the
 * tail of both logs when it is usable, else by a full replay. All four must be fresh.
 */
export async function restoreState(
  ctx: CheckpointContext,
  log: (msg: string, extra?: object) => void,
  onObservations?: (batch: Observation[]) => void,
): Promise<RestoreResult> {
  const cp = await readCheckpoint(ctx);
  let from: RestoreResult['from'] = 'full-replay';
  let reason: string | undefined;
  if ('body' in cp) {
    try {
      // the live state checks the whole checkpoint before it changes anything
      ctx.live.importState(cp.body.live);
    } catch (e) {
      reason = `unusable: ${(e as Error).message}`;
      cp.close();
    }
    if (!reason) {
      ctx.dossiers.importState({ ...cp.body.dossiers, dossiers: cp.dossiers });
      ctx.monitoring.importState(cp.body.monitoring);
      ctx.alerts.importState(cp.body.alerts);
      from = 'checkpoint';
    }
  } else reason = cp.reason;
  if (from === 'full-replay' && reason !== 'no checkpoint') log(`checkpoint ignored: ${reason}; replaying the whole log`, { file: ctx.file });
  const observations = await ctx.live.rebuild(ctx.live.observationsSeq, onObservations);
  let dossierEvents = 0;
  await ctx.store.replayDossierEvents(ctx.dossiers.eventsSeq, (batch) => {
    ctx.dossiers.applyCommitted(batch);
    dossierEvents += batch.length;
  });
  return { from, ...(reason ? { reason } : {}), observations, dossierEvents };
}
