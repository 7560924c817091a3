import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { SheetGrid } from '@cityioc/domain';
import { unpackGrid } from './packed-grid.ts';
import { MAX_CONCURRENT_IMPORTS } from './import-slots.ts';
import { ImportTimedOut, NotASpreadsheet, WorkbookTooLarge } from './table-limits.ts';
import type { XlsxTaskResult } from './xlsx.worker.ts';

/**
 * A worker reading one workbook longer than this is stopped (a backstop: the limits keep reads to seconds on a quiet
 * server). Within the limits, a read this long means a busy server, so it is answered 503 with Retry-After, not 413.
 */
export const XLSX_READ_TIMEOUT_MS = 30_000;

let pool: Piscina | null = null;

/**
 * The worker threads that read XLSX uploads, so exceljs (seconds of CPU for a 20,000-row sheet)
 * never runs on the event loop. piscina (the Node.js project's pool, maintained by Node and Fastify
 * maintainers) over a hand-written pool: it replaces a worker that dies (out of memory, stopped by
 * the timeout) and retires idle ones; threads start on first use and end after 30 s idle; and it
 * lowers their CPU priority (nice +10 on Linux), so on a busy machine the event loop thread is
 * scheduled before an import. Each worker's heap is capped, so even a workbook that slipped past
 * the limits cannot take the process's memory. The compiled server runs the compiled worker; run
 * from the sources (tests, `npm run dev`), the worker loads them through tsx with the source condition.
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

function xlsxPool(): Piscina {
  pool ??= new Piscina({
    filename: fileURLToPath(new URL(FROM_SOURCE ? './xlsx.worker.ts' : './xlsx.worker.js', import.meta.url)),
    minThreads: 0,
    maxThreads: MAX_CONCURRENT_IMPORTS,
    idleTimeout: 30_000,
    niceIncrement: 10,
    execArgv: FROM_SOURCE ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, '--conditions', '@cityioc/source'] : [],
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  return pool;
}

/** Reads an XLSX upload in a worker thread; throws NotASpreadsheet, WorkbookTooLarge or ImportTimedOut. */
export async function readXlsxInWorker(buf: Buffer, timeoutMs = XLSX_READ_TIMEOUT_MS): Promise<SheetGrid> {
  let out: XlsxTaskResult;
  try {
    out = (await xlsxPool().run(new Uint8Array(buf), { signal: AbortSignal.timeout(timeoutMs) })) as XlsxTaskResult;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
      throw new WorkbookTooLarge({ field: '', reason: 'unpacked_size', message: 'reading the workbook needs more memory than an import may use' });
    if (err.name === 'AbortError') throw new ImportTimedOut(timeoutMs);
    throw e;
  }
  if (out.ok) return unpackGrid(out.grid);
  if (out.error === 'workbook_too_large') {
    const e = new WorkbookTooLarge(out.details[0]!);
    e.details.push(...out.details.slice(1));
    throw e;
  }
  throw new NotASpreadsheet(out.message, out.error);
}
