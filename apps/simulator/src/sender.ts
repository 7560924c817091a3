import { MAX_BATCH_ITEMS, type IngestResponse, type ItemError, type ObservationInput } from '@cityioc/contracts';

/**
 * The simulator's only way into the IOC: the public batch endpoints, like any integrator —
 * `POST /api/v1/observations/batch {"observations": [...]}` by default, or any endpoint with the
 * same answer (`IngestResponse`), such as `POST /api/v1/dossiers/events {"events": [...]}`.
 *
 * Retry rules: 5xx and network errors back off exponentially (with jitter) and resend the
 * very same body, so the ids repeat and the idempotent ingest never counts twice; 429 waits
 * for Retry-After; 422 is final (the valid items are stored, the rejected ones would be
 * rejected again); 401/400 are final; 413 splits the batch in halves.
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

export interface SenderOptions {
  /** Base URL of the IOC, e.g. http://localhost:8080 */
  baseUrl: string;
  apiKey: string;
  /** Endpoint path (default '/api/v1/observations/batch'). */
  path?: string;
  /** Property of the JSON body holding the items (default 'observations'). */
  itemsKey?: string;
  /** Largest batch the endpoint takes; larger ones are split (default MAX_BATCH_ITEMS). */
  maxItems?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** Jitter source in [0, 1); injected so tests can pin delays. */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  /** Attempts per batch before giving up (the caller keeps the batch and may send it again). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Upper bound on a server-requested Retry-After wait. */
  maxRetryAfterMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /**
   * Shutdown: aborts the waits between attempts and stops further attempts. A request already
   * in flight is not cut: it finishes (bounded by `timeoutMs`), so the IOC has answered every
   * request it received by the time `send` resolves, and the caller counts what it stored.
   */
  signal?: AbortSignal;
  /** Told before each wait, e.g. to log a rate limit or an outage. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** The attempt that just failed, from 1. */
  attempt: number;
  status: number | null;
  error: string;
  delayMs: number;
}

export interface RejectedItem {
  index: number;
  id: string | null;
  errors: ItemError[];
}

export type SendOutcome =
  | {
      kind: 'stored';
      /** 200, or 422 when some items were rejected (the valid ones are stored). */
      status: number;
      accepted: number;
      duplicates: number;
      rejected: number;
      rejectedItems: RejectedItem[];
      attempts: number;
    }
  | {
      kind: 'failed';
      /** true: gave up on a transient error, sending the same batch later is right; false: it never will succeed. */
      retryable: boolean;
      status: number | null;
      error: string;
      attempts: number;
    }
  | { kind: 'aborted'; attempts: number };

export interface Sender<T = ObservationInput> {
  send(items: readonly T[]): Promise<SendOutcome>;
}

/** Exponential backoff with equal jitter: between half and all of base·2^(attempt−1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const full = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function errorOf(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return cause.code;
    if (err.name === 'TimeoutError') return 'timeout';
    return cause?.message ?? err.message;
  }
  return String(err);
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isIngestResponse(x: unknown): x is IngestResponse {
  return typeof x === 'object' && x !== null && Array.isArray((x as IngestResponse).results) && typeof (x as IngestResponse).accepted === 'number';
}

function describeError(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as { error?: unknown; message?: unknown };
    if (typeof b.error === 'string') return `${status} ${b.error}${typeof b.message === 'string' ? `: ${b.message}` : ''}`;
  }
  return `HTTP ${status}`;
}

export function createSender<T = ObservationInput>(options: SenderOptions): Sender<T> {
  const o = {
    path: '/api/v1/observations/batch',
    itemsKey: 'observations',
    maxItems: MAX_BATCH_ITEMS,
    fetch: globalThis.fetch,
    sleep,
    random: Math.random,
    now: Date.now,
    maxAttempts: 8,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 120_000,
    timeoutMs: 10_000,
    ...options,
  };
  const url = new URL(o.path, o.baseUrl).toString();

  async function sendOnce(items: readonly T[]): Promise<SendOutcome> {
    // Serialised once: every retry sends byte-identical content, hence the same ids.
    const body = JSON.stringify({ [o.itemsKey]: items });
    for (let attempt = 1; ; attempt++) {
      if (o.signal?.aborted) return { kind: 'aborted', attempts: attempt - 1 };
      let delay: number;
      let lastError: string;
      let lastStatus: number | null = null;
      try {
        const res = await o.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': o.apiKey },
          body,
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        const json = await readJson(res);
        lastStatus = res.status;
        if ((res.status === 200 || res.status === 422) && isIngestResponse(json)) {
          return {
            kind: 'stored',
            status: res.status,
            accepted: json.accepted,
            duplicates: json.duplicates,
            rejected: json.rejected,
            rejectedItems: json.results.filter((r) => r.status === 'rejected').map((r) => ({ index: r.index, id: r.id, errors: r.errors ?? [] })),
            attempts: attempt,
          };
        }
        lastError = describeError(res.status, json);
        if (res.status === 429) {
          delay = parseRetryAfter(res.headers.get('retry-after'), o.now()) ?? backoffDelay(attempt, o.baseDelayMs, o.maxDelayMs, o.random);
          delay = Math.min(delay, o.maxRetryAfterMs);
        } else if (res.status >= 500 || res.status === 408) {
          const ra = parseRetryAfter(res.headers.get('retry-after'), o.now());
          delay = ra !== null ? Math.min(ra, o.maxRetryAfterMs) : backoffDelay(attempt, o.baseDelayMs, o.maxDelayMs, o.random);
        } else {
          // 400, 401, 403, 404, 413, a 422 without item results …: sending again will not help.
          return { kind: 'failed', retryable: false, status: res.status, error: lastError, attempts: attempt };
        }
      } catch (err) {
        if (o.signal?.aborted) return { kind: 'aborted', attempts: attempt };
        lastError = errorOf(err);
        delay = backoffDelay(attempt, o.baseDelayMs, o.maxDelayMs, o.random);
      }
      if (attempt >= o.maxAttempts) {
        return { kind: 'failed', retryable: true, status: lastStatus, error: lastError, attempts: attempt };
      }
      if (o.signal?.aborted) return { kind: 'aborted', attempts: attempt };
      o.onRetry?.({ attempt, status: lastStatus, error: lastError, delayMs: delay });
      await o.sleep(delay, o.signal);
    }
  }

  async function send(items: readonly T[]): Promise<SendOutcome> {
    if (items.length > o.maxItems) return sendSplit(items);
    const outcome = await sendOnce(items);
    if (outcome.kind === 'failed' && outcome.status === 413 && items.length > 1) return sendSplit(items);
    return outcome;
  }

  /** Sends two halves; item indexes of the second half are shifted back to the caller's numbering. */
  async function sendSplit(items: readonly T[]): Promise<SendOutcome> {
    const mid = Math.min(o.maxItems, Math.ceil(items.length / 2));
    const a = await send(items.slice(0, mid));
    if (a.kind !== 'stored') return a;
    const b = await send(items.slice(mid));
    if (b.kind !== 'stored') return b;
    return {
      kind: 'stored',
      status: a.status === 422 || b.status === 422 ? 422 : 200,
      accepted: a.accepted + b.accepted,
      duplicates: a.duplicates + b.duplicates,
      rejected: a.rejected + b.rejected,
      rejectedItems: [...a.rejectedItems, ...b.rejectedItems.map((r) => ({ ...r, index: r.index + mid }))],
      attempts: a.attempts + b.attempts,
    };
  }

  return { send };
}

export interface ReadyOptions {
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  /** Give up after this long. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Polls GET /readyz until it answers 200, backing off from 250 ms to 5 s; false on timeout or abort. */
export async function waitForReady(baseUrl: string, options: ReadyOptions = {}): Promise<boolean> {
  const o = { fetch: globalThis.fetch, sleep, now: Date.now, timeoutMs: 60_000, ...options };
  const url = new URL('/readyz', baseUrl).toString();
  const deadline = o.now() + o.timeoutMs;
  for (let delay = 250; ; delay = Math.min(5_000, delay * 2)) {
    if (o.signal?.aborted) return false;
    try {
      const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000);
      const res = await o.fetch(url, { signal });
      await res.arrayBuffer();
      if (res.status === 200) return true;
    } catch {
      // not up yet
    }
    const left = deadline - o.now();
    if (left <= 0) return false;
    await o.sleep(Math.min(delay, left), o.signal);
  }
}
