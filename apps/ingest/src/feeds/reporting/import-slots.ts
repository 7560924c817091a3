import type { FastifyReply } from 'fastify';
import { httpError } from '../../plugins/errors.ts';

/**
 * Spreadsheet imports in progress at once, per server. Each one may unpack a workbook in a worker
 * (up to the limits of table-limits.ts) and store many reports, so two bound the memory and CPU
 * that uploads can take from everything else.
 */
export const MAX_CONCURRENT_IMPORTS = 2;
/** Seconds a refused client is told to wait: an import takes a second or two. */
export const IMPORT_RETRY_AFTER_S = 2;

/**
 * At most `max` imports run at once; the next ones are answered at once with 503 and Retry-After.
 * 503, not 429: the server is busy for everyone, whoever sent the imports in progress; 429 would
 * tell this client it sent too much, and the per-key rate limit already answers that. The slot is
 * taken when the handler starts (the raw body, ≤ 2 MiB, has been read), so a slow upload does not
 * hold one, and freed when the handler ends, however it ends.
 */
export function importSlots(max = MAX_CONCURRENT_IMPORTS) {
  let inProgress = 0;
  return async function withSlot<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
    if (inProgress >= max) {
      reply.header('retry-after', String(IMPORT_RETRY_AFTER_S));
      throw httpError(503, 'imports_busy', `${max} imports are in progress; retry in ${IMPORT_RETRY_AFTER_S} s`);
    }
    inProgress++;
    try {
      return await run();
    } finally {
      inProgress--;
    }
  };
}
