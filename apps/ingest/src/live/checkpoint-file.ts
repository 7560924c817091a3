import { createHash, type Hash } from 'node:crypto';
import { readSync, writeSync } from 'node:fs';

/**
 * The checkpoint file's lines, written and read in chunks so that no single string (nor Buffer)
 * holds the whole state: at 2 M dossiers the body is ~400 MB, near V8's largest string (issue 16 #7).
 * Lines are JSON texts, so a newline byte never occurs inside one (JSON escapes it), and a UTF-8
 * sequence never contains the byte 0x0A: splitting the bytes at 0x0A is exact.
 */

const CHUNK = 1 << 20;
const NL = 0x0a;

/** Appends lines to a file descriptor through a 1 MB buffer, hashing and counting what it writes. */
export class LineWriter {
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(
    private readonly fd: number,
    private position: number,
  ) {}

  line(text: string): void {
    const need = Buffer.byteLength(text) + 1;
    if (this.used + need > CHUNK) this.flush();
    if (need > CHUNK) {
      this.put(Buffer.from(`${text}\n`));
      return;
    }
    this.used += this.buf.write(text, this.used);
    this.buf[this.used++] = NL;
  }

  /** Writes what is buffered; returns the length and sha256 (hex) of everything written. */
  end(): { bytes: number; sha256: string } {
    this.flush();
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  private flush(): void {
    if (this.used === 0) return;
    this.put(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  private put(b: Buffer): void {
    this.hash.update(b);
    let off = 0;
    while (off < b.length) {
      const n = writeSync(this.fd, b, off, b.length - off, this.position);
      off += n;
      this.position += n;
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
