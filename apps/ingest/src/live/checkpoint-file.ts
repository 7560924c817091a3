import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The checkpoint file's lines, written and read in chunks so that no single string (nor Buffer)
 * holds the whole state: at 2 M dossiers the body is ~400 MB, near V8's largest string (issue 16 #7).
 * Lines are JSON texts, so a newline byte never occurs inside one (JSON escapes it), and a UTF-8
 * sequence never contains the byte 0x0A: splitting the bytes at 0x0A is exact. Writing is asynchronous
 * and yields between chunks (a running server writes checkpoints); reading is synchronous (only the
 * start-up reads, before the server serves).
 */

const CHUNK = 1 << 20;
/**
 * The write side's chunk: the lines serialized, hashed and copied between two writes run in one turn of
 * the event loop, so a chunk bounds how long the checkpoint holds the loop (~1–3 ms for 256 KB).
 */
export const WRITE_CHUNK = 1 << 18;
const NL = 0x0a;

/**
 * Appends lines to a file through buffers of `chunk` bytes, hashing and counting what it writes. The
 * lines are only buffered (`line`); full buffers are written by `flush`, asynchronously (the thread
 * pool's write), so a caller that awaits `flush` whenever `line` says a chunk is full lets the event
 * loop run between chunks: serving requests and ticks while a large checkpoint is written.
 */
export class LineWriter {
  private buf: Buffer;
  private used = 0;
  /** Sealed buffers not yet written, in file order. */
  private sealed: Buffer[] = [];
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(
    private readonly file: FileHandle,
    private position: number,
    private readonly chunk = WRITE_CHUNK,
  ) {
    this.buf = Buffer.allocUnsafe(chunk);
  }

  /** Buffers a line; true when a chunk is ready and `flush` should be awaited before the next line. */
  line(text: string): boolean {
    const need = Buffer.byteLength(text) + 1;
    if (this.used + need > this.chunk) this.seal();
    if (need > this.chunk) {
      this.sealed.push(Buffer.from(text + '\n'));
      return true;
    }
    this.used += this.buf.write(text, this.used);
    this.buf[this.used++] = NL;
    return this.sealed.length > 0;
  }

  /** Writes the chunks that are ready. */
  async flush(): Promise<void> {
    for (const b of this.sealed.splice(0)) await this.put(b);
  }

  /** Writes everything buffered; returns the length and sha256 (hex) of everything written. */
  async end(): Promise<{ bytes: number; sha256: string }> {
    this.seal();
    await this.flush();
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private seal(): void {
    if (this.used === 0) return;
    this.sealed.push(this.buf.subarray(0, this.used));
    // the sealed bytes are written later: the next lines go to a buffer of their own
    this.buf = Buffer.allocUnsafe(this.chunk);
    this.used = 0;
  }

  private async put(b: Buffer): Promise<void> {
    this.hash.update(b);
    let off = 0;
    while (off < b.length) {
      const { bytesWritten } = await this.file.write(b, off, b.length - off, this.position);
      off += bytesWritten;
      this.position += bytesWritten;
    }
    this.bytes += b.length;
  }
}

/** The first line of a file (without its newline) and the offset just after it; null when there is no newline in the first `max` bytes. */
export function readFirstLine(fd: number, max = 1 << 16): { line: string; next: number } | null {
  const buf = Buffer.allocUnsafe(max);
  const n = readSync(fd, buf, 0, max, 0);
  const nl = buf.subarray(0, n).indexOf(NL);
  return nl < 0 ? null : { line: buf.toString('utf8', 0, nl), next: nl + 1 };
}

/** The length and sha256 (hex) of a file's bytes from `start` to its end, read in chunks. */
export function hashFrom(fd: number, start: number): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = start;
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    pos += n;
  }
  return { bytes: pos - start, sha256: hash.digest('hex') };
}

/** The lines of a file from `start` to its end (a last line without a newline included), read in chunks. */
export function* readLines(fd: number, start: number): Generator<string> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let have = 0;
  let pos = start;
  for (;;) {
    if (have === buf.length) {
      // a line longer than the buffer: grow it
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    const n = readSync(fd, buf, have, buf.length - have, pos);
    pos += n;
    const end = have + n;
    let from = 0;
    for (let nl = buf.indexOf(NL, from); nl >= 0 && nl < end; nl = buf.indexOf(NL, from)) {
      yield buf.toString('utf8', from, nl);
      from = nl + 1;
    }
    if (n === 0) {
      if (from < end) yield buf.toString('utf8', from, end);
      return;
    }
    buf.copy(buf, 0, from, end);
    have = end - from;
  }
}
