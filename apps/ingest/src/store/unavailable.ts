/**
 * Whether a store error means "the database is away" (stopped, restarting, unreachable) rather
 * than a fault in the request or in our code. Such a request is answered 503 with Retry-After:
 * nothing was stored and nothing is acknowledged, so the feed sends it again later (issue 16).
 */

/** Seconds a client should wait before it sends again, in the Retry-After header. */
export const STORE_RETRY_AFTER_S = 5;

/** Socket errors of a connection that cannot be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of a server that is going away or not accepting: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300
 * too_many_connections. https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const PG_UNAVAILABLE = /^(08\w{3}|57P0[123]|53300)$/;

/** SQLite: the file is locked by another process past the busy timeout. */
const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

/** node-postgres reports a cut connection and a pool that cannot connect in time by message alone. */
const PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

export function isStoreUnavailable(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const { code, message, errors } = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE.test(code) || SQLITE_UNAVAILABLE.has(code))) return true;
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
  // a host name with several addresses fails as an AggregateError of one error per address
  return Array.isArray(errors) && errors.length > 0 && errors.every(isStoreUnavailable);
}
