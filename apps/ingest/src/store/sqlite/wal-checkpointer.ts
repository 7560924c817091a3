import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A checkpoint is asked for once this many rows were written since the last one (a few MB of WAL; SQLite's own default is 1,000 pages). */
export const CHECKPOINT_EVERY_ROWS = 20_000;
/**
 * A WAL restarts from its beginning only at a write that follows a complete checkpoint. Should the
 * writer keep appending during every checkpoint of the worker, the WAL would grow without end: once
 * a checkpoint leaves it longer than this many frames (4 KB pages), the connection checkpoints
 * itself once, between two of its own transactions, as SQLite would have.
 */
export const WAL_FRAMES_BEFORE_INLINE_CHECKPOINT = 16_384;

// The worker's whole program: its own connection to the file, one PASSIVE checkpoint per request.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, frames: r.log, copied: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ ok: false, message: String(e && e.message) });
  }
});
`;

/**
 * Checkpoints of the embedded store's WAL, off the event loop. SQLite's automatic checkpoint runs
 * inside the COMMIT that crosses the threshold: it copies the WAL's pages into the database file
 * and syncs it, on the event loop, every few megabytes written (a stall the bulk ingest paid every
 * few transactions). Here the store's connection runs with `wal_autocheckpoint = 0`, and a worker
 * thread with its own connection to the same file runs `PRAGMA wal_checkpoint(PASSIVE)` when
 * `written` says enough was committed since the last one: a PASSIVE checkpoint never blocks the
 * writer (it copies the frames committed before it started; SQLite restarts the WAL from its
 * beginning at the next write after a complete one). Durability is unchanged: a commit is
 * acknowledged once the WAL holds it on disk (wal-sync.ts), and a checkpoint only moves durable
 * frames, syncing the database before the WAL may be reused.
 *
 * If the worker cannot run (or fails), `onFailure` gives the checkpoints back to the connection.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private busy = false;
  private again = false;
  private sinceLast = 0;
  private failed = false;
  /** The last checkpoint left the WAL too long: the connection checkpoints at its next write. */
  inlineDue = false;
  /** Checkpoints completed so far (tests, metrics). */
  checkpoints = 0;

  constructor(
    private readonly file: string,
    private readonly onFailure: (reason: string) => void,
  ) {}

  /** After a write of `rows` rows: asks for a checkpoint once enough was written (at most one runs, one more waits). */
  written(rows: number): void {
    if (this.failed) return;
    this.sinceLast += rows;
    if (this.sinceLast < CHECKPOINT_EVERY_ROWS) return;
    this.sinceLast = 0;
    if (this.busy) this.again = true;
    else this.start();
  }

  private start(): void {
    this.busy = true;
    (this.worker ?? this.spawn()).postMessage('checkpoint');
  }

  /** The worker starts with the first checkpoint (a store that writes little never needs one). */
  private spawn(): Worker {
    const w = new Worker(WORKER, { eval: true, workerData: { file: this.file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    this.exited = new Promise((resolve) => w.once('exit', () => resolve()));
    w.on('message', (m: { ok: true; frames: number; copied: number } | { ok: false; message: string }) => {
      this.busy = false;
      if (!m.ok) return this.fail(m.message);
      this.checkpoints++;
      if (m.frames > WAL_FRAMES_BEFORE_INLINE_CHECKPOINT) this.inlineDue = true;
      if (this.again && !this.failed) {
        this.again = false;
        this.start();
      }
    });
    w.on('error', (e) => this.fail(e.message));
    w.unref();
    this.worker = w;
    return w;
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.onFailure(reason);
  }

  /** Ends the worker's connection (the store's own close then checkpoints what is left). */
  async close(): Promise<void> {
    this.failed = true;
    this.worker?.postMessage('close');
    await this.exited;
  }
}
