import { errorCodes, type FastifyRequest } from 'fastify';

/** A longer line is rejected on its own (reason line_too_long) without being decoded or parsed. */
export const NDJSON_MAX_LINE_BYTES = 1024 * 1024;
/** Bytes decoded to text at a time. */
export const NDJSON_BLOCK_BYTES = 512 * 1024;

const NEWLINE = 0x0a;
const EMPTY = Buffer.alloc(0);

/**
 * An NDJSON body as it arrived: the network chunks, never joined into one buffer or one string
 * (for 60 MB, joining and decoding alone held the event loop for a quarter of a second on a busy
 * machine). It is decoded a block of whole lines at a time, and the chunks are released as they
 * are read, so a body can be read once.
 */
export class NdjsonBody {
  constructor(
    readonly chunks: Buffer[],
    readonly bytes: number,
  ) {}

  static of(text: string): NdjsonBody {
    const b = Buffer.from(text);
    return new NdjsonBody([b], b.length);
  }
}

/**
 * The content-type parser of application/x-ndjson (and jsonl, ndjson): keeps the chunks, under the
 * route's body limit (413 body_too_large before reading when Content-Length says so, else as soon
 * as it is crossed), and checks the length against Content-Length, as Fastify's own parsers do.
 */
export function collectNdjsonBody(defaultLimit: number) {
  return (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: NdjsonBody) => void): void => {
    const limit = req.routeOptions.bodyLimit ?? defaultLimit;
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (err: Error | null, body?: NdjsonBody) => {
      if (settled) return;
      settled = true;
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      done(err, body);
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += b.length;
      if (bytes > limit) return settle(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      chunks.push(b);
    };
    const onEnd = () => {
      if (!Number.isNaN(declared) && bytes !== declared) return settle(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
      settle(null, new NdjsonBody(chunks, bytes));
    };
    const onError = (err: Error & { statusCode?: number }) => {
      if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400;
      settle(err);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  };
}

/** True when the body holds more than `max` lines (counting stops there). */
export function hasMoreLinesThan(body: NdjsonBody, max: number): boolean {
  let newlines = 0;
  let last = -1;
  for (const c of body.chunks) {
    for (let pos = c.indexOf(NEWLINE); pos !== -1; pos = c.indexOf(NEWLINE, pos + 1)) if (++newlines > max) return true;
    if (c.length > 0) last = c[c.length - 1]!;
  }
  return newlines + (last !== -1 && last !== NEWLINE ? 1 : 0) > max;
}

/** Whole lines, decoded, the first of them numbered `firstLine` (0-based). */
export interface TextBlock {
  text: string;
  firstLine: number;
}
/** A line longer than NDJSON_MAX_LINE_BYTES, skipped unread. */
export interface LongLine {
  longLine: number;
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let pos = b.indexOf(NEWLINE); pos !== -1; pos = b.indexOf(NEWLINE, pos + 1)) n++;
  return n;
}

/**
 * The body as blocks of about `blockBytes` of whole lines (a block ends right after a newline, or
 * at the end of the body), decoded one at a time; the bytes of a line found longer than
 * `maxLineBytes` are skipped and the line reported as a LongLine (a block holds at most
 * `maxLineBytes` + 2 × `blockBytes`, so one a little longer may still come decoded: the slicer
 * rejects it by its length). A newline byte never occurs inside a UTF-8
 * multi-byte character, so cutting at newlines keeps every character whole.
 */
export function* textBlocks(body: NdjsonBody, blockBytes = NDJSON_BLOCK_BYTES, maxLineBytes = NDJSON_MAX_LINE_BYTES): Generator<TextBlock | LongLine> {
  let line = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false; // inside a line longer than maxLineBytes
  const emit = (upTo: number, cut: number): TextBlock => {
    // pending[0..upTo-1] whole and pending[upTo] up to `cut` (exclusive) form the block
    const parts = [...pending.slice(0, upTo), pending[upTo]!.subarray(0, cut)];
    const bytes = Buffer.concat(parts);
    const block = { text: bytes.toString('utf8'), firstLine: line };
    line += countNewlines(bytes);
    const rest = pending[upTo]!.subarray(cut);
    pending = rest.length > 0 ? [rest, ...pending.slice(upTo + 1)] : pending.slice(upTo + 1);
    pendingBytes -= bytes.length;
    return block;
  };
  for (let i = 0; i < body.chunks.length; i++) {
    let rest = body.chunks[i]!;
    body.chunks[i] = EMPTY; // read once: the memory goes as the body is read
    // a chunk can be the whole body (inject, a proxy): taken a block at a time all the same
    for (let chunk = rest.subarray(0, blockBytes); chunk.length > 0; chunk = rest.subarray(0, blockBytes)) {
      rest = rest.subarray(chunk.length);
      while (chunk.length > 0) {
        if (skipping) {
          const nl = chunk.indexOf(NEWLINE);
          if (nl === -1) break;
          yield { longLine: line++ };
          skipping = false;
          chunk = chunk.subarray(nl + 1);
          continue;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        chunk = EMPTY;
        if (pendingBytes < blockBytes) break;
        let p = pending.length - 1;
        let nl = -1;
        for (; p >= 0 && nl === -1; p--) nl = pending[p]!.lastIndexOf(NEWLINE);
        if (nl !== -1) yield emit(p + 1, nl + 1);
        // what is left has no newline: past the limit, it is the start of a line too long
        if (pendingBytes > maxLineBytes) {
          skipping = true;
          pending = [];
          pendingBytes = 0;
        }
      }
    }
  }
  if (skipping || pendingBytes > maxLineBytes) yield { longLine: line };
  else if (pendingBytes > 0) yield emit(pending.length - 1, pending[pending.length - 1]!.length);
}
