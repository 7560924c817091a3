import { existsSync, fdatasync, openSync, closeSync } from 'node:fs';

/**
 * Makes the commits of the embedded store durable off the event loop. The connection runs with
 * `synchronous = NORMAL`: a COMMIT writes its frames to the WAL file (they survive a crash of the
 * process, being in the OS page cache) without waiting for the disk. `sync()` then runs
 * fdatasync on the WAL file in libuv's thread pool, which is what `synchronous = FULL` does inside
 * the COMMIT, and a write is acknowledged only once it resolves — so what is acknowledged survives
 * a power loss as before, while the event loop serves other requests during the flush.
 *
 * Flushes are shared: a call while one runs waits for the next one, started when it ends (it must
 * start after this caller's COMMIT), and every caller arriving meanwhile shares that next flush.
 * This is the group commit across event-loop turns: whatever commits while the disk is busy
 * becomes durable with one flush.
 */
export class WalSync {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private closed = false;
  /** Flushes run so far (tests, metrics). */
  flushes = 0;

  constructor(
    private readonly walFile: string,
    /** fs.fdatasync; a test passes one it controls. */
    private readonly flush: (fd: number, done: (err: Error | null) => void) => void = fdatasync,
  ) {}

  /** Resolves when every COMMIT made before the call is on disk. */
  sync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.next) return this.next;
    if (!this.running) return this.start();
    const next = this.running.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    this.next = next;
    return next;
  }

  private startNext(): Promise<void> {
    this.next = null;
    return this.start();
  }

  private start(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => {
      const fd = this.open();
      if (fd === null) return resolve();
      this.flush(fd, (err) => (err ? reject(err) : resolve()));
    }).finally(() => {
      if (this.running === p) this.running = null;
    });
    this.flushes++;
    this.running = p;
    return p;
  }

  /** The WAL file is created by the first write; SQLite keeps it (same file) until its last connection closes. */
  private open(): number | null {
    if (this.fd === null && existsSync(this.walFile)) this.fd = openSync(this.walFile, 'r');
    return this.fd;
  }

  /** After the last flush (the store closes its connection next). */
  async close(): Promise<void> {
    await Promise.allSettled([this.next, this.running]);
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
