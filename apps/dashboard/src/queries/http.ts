import { runtimeConfig } from '../config.ts';

/**
 * The one way the dashboard talks HTTP to the ingest API: every query and mutation goes through
 * `api` (getJson / send below). It
 *   - sends the session cookie (credentials same-origin; `include` when the API is on another origin),
 *   - adds the CSRF token to unsafe methods (POST/PUT/PATCH/DELETE) of a cookie session,
 *   - turns a 401 into a trip to the sign-in page (except where the caller handles it: the auth routes),
 *   - throws an HttpError that carries the server's error code, message and Retry-After.
 */
export class HttpError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    readonly url: string,
    message: string,
    /** The machine-readable `error` of the server's body (`invalid_credentials`, `csrf`, …), if any. */
    readonly code: string | null = null,
    /** Seconds from Retry-After (429, 503), if the server sent it. */
    readonly retryAfterSec: number | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const UNSAFE = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Seconds of a Retry-After header (delta-seconds or an HTTP date against `now`), or null. */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const s = header.trim();
  if (/^\d+$/.test(s)) return Number(s);
  const at = Date.parse(s);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/**
 * Pure: the error of a failed response from its status and body. The server's one error shape is
 * `{ statusCode, error, message, details? }`; anything else (an HTML proxy page, an empty body)
 * keeps a message naming the request.
 */
export function errorFromResponse(method: Method, url: string, status: number, body: unknown, retryAfter: number | null): HttpError {
  const j = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof j.error === 'string' && j.error ? j.error : null;
  const message = typeof j.message === 'string' && j.message ? j.message : `${method} ${url} → ${status}`;
  return new HttpError(status, url, message, code, retryAfter, j.details);
}

export interface ApiOptions {
  fetch?: typeof fetch;
  /** Prefix of every path ('' = the page's own origin). */
  baseUrl?: () => string;
  /** A bearer credential configured for this screen (runtime config `viewerToken`), sent when set. */
  bearer?: () => string | null;
  /** Called on a 401 of a request that does not handle it itself (the app goes to the sign-in page). */
  onUnauthorized?: (err: HttpError) => void;
  now?: () => number;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** 'throw': the caller handles a 401 (sign-in, who am I); 'sign-in' (default): also go to the sign-in page. */
  on401?: 'sign-in' | 'throw';
}

export interface UploadOptions {
  body: BodyInit;
  contentType: string;
  signal?: AbortSignal;
  on401?: 'sign-in' | 'throw';
}

export interface Api {
  /** JSON of a GET; throws HttpError. */
  getJson<T>(path: string, signal?: AbortSignal): Promise<T>;
  /** Any method with an optional JSON body; resolves to the JSON answer, or undefined for 204/empty. */
  send<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  /**
   * A file as the request body, exactly as read (a GeoJSON, a zipped Shapefile), with the same
   * credentials and CSRF token; resolves with the status and the JSON answer (null when none),
   * an error status included: the caller reads the report of a refusal.
   */
  upload(method: Method, path: string, options: UploadOptions): Promise<{ status: number; body: unknown }>;
  /** The CSRF token of the current cookie session (from sign-in or `GET /auth/me`). */
  setCsrfToken(token: string | null): void;
  setUnauthorizedHandler(handler: ((err: HttpError) => void) | null): void;
}

export function createApi(opts: ApiOptions = {}): Api {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const baseUrl = opts.baseUrl ?? (() => runtimeConfig().apiBaseUrl);
  const bearer = opts.bearer ?? (() => runtimeConfig().viewerToken);
  const now = opts.now ?? Date.now;
  let csrf: string | null = null;
  let onUnauthorized = opts.onUnauthorized ?? null;

  /** One request with the session's credentials, bearer and CSRF token; a 401 goes to the sign-in page unless the caller handles it. */
  async function exchange(method: Method, path: string, o: RequestOptions, payload?: { body: BodyInit; contentType: string }) {
    const base = baseUrl();
    const url = `${base}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = bearer();
    if (token) headers.authorization = `Bearer ${token}`;
    if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
    if (payload) headers['content-type'] = payload.contentType;
    let res: Response;
    try {
      res = await doFetch(url, { method, headers, signal: o.signal, credentials: base ? 'include' : 'same-origin', body: payload?.body });
    } catch (e) {
      if (o.signal?.aborted) throw e;
      throw new HttpError(0, url, `${method} ${url}: ${e instanceof Error ? e.message : String(e)}`, 'unreachable');
    }
    const text = await res.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (res.status === 401 && (o.on401 ?? 'sign-in') === 'sign-in') {
      onUnauthorized?.(errorFromResponse(method, url, res.status, body, retryAfterSeconds(res.headers.get('retry-after'), now())));
    }
    return { res, url, text, body };
  }

  async function send<T>(method: Method, path: string, o: RequestOptions = {}): Promise<T> {
    const json = o.body === undefined ? undefined : { body: JSON.stringify(o.body), contentType: 'application/json' };
    const { res, url, text, body } = await exchange(method, path, { ...o, on401: 'throw' }, json);
    if (!res.ok) {
      const err = errorFromResponse(method, url, res.status, body, retryAfterSeconds(res.headers.get('retry-after'), now()));
      if (res.status === 401 && (o.on401 ?? 'sign-in') === 'sign-in') onUnauthorized?.(err);
      throw err;
    }
    if (text && body === undefined) throw new HttpError(res.status, url, `${method} ${url}: the answer is not JSON`, 'not_json');
    return body as T;
  }

  async function upload(method: Method, path: string, o: UploadOptions): Promise<{ status: number; body: unknown }> {
    const { res, body } = await exchange(method, path, { signal: o.signal, on401: o.on401 }, { body: o.body, contentType: o.contentType });
    return { status: res.status, body: body ?? null };
  }

  return {
    getJson: <T>(path: string, signal?: AbortSignal) => send<T>('GET', path, { signal }),
    send,
    upload,
    setCsrfToken: (token) => void (csrf = token),
    setUnauthorizedHandler: (handler) => void (onUnauthorized = handler),
  };
}

/** The dashboard's client (the app registers the 401 handler and the CSRF token at start). */
export const api: Api = createApi();

/** GET a JSON resource of the ingest API: what every query reads through. */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return api.getJson<T>(path, signal);
}

/** A 401 or 403 will not get better by asking again: the sign-in page or the "no permission" text takes over. */
export function isAuthError(error: unknown): boolean {
  return error instanceof HttpError && (error.status === 401 || error.status === 403);
}
