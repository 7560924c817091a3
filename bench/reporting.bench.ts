/**
 * `pnpm bench --only=reporting` (issue 16 item 8): a department-style CSV of `months` monthly periods × every unit of the
 * cchc-cds regime × its indicators, vi-VN numbers, imported whole through POST /api/v1/reporting/imports (parse,
 * validate, one transaction, live publication), beside its ceiling: the same parse + validation in this process,
 * without HTTP or the store. Both are warmed up first (the ceiling once came out slower than the server, measured
 * cold), then measured in turns (ceiling first in odd runs, the server first in even ones), `--repeat` times; the
 * ratio's min / median / max is reported.
 */
import type { BenchDeps } from './bench-server.ts';
import { inTurns, showSpread, spread } from './spread.ts';

type Deps = Pick<BenchDeps, 'quick' | 'key' | 'results' | 'startServer' | 'fmt' | 'repeat'>;

export async function benchReportingImport(d: Deps, log: (s: string) => void = console.log) {
  const { indexReporting, importTable, CAN_THO_REGIMES, reportPeriod, reportsFor } = await import('@cityioc/domain');
  const { readCsv } = await import('../apps/ingest/src/feeds/reporting/spreadsheet.ts');
  const regime = CAN_THO_REGIMES.find((r) => r.id === 'cchc-cds')!;
  const months = d.quick ? 10 : 40;
  const units = indexReporting().units;
  const csvOf = (k: number) => {
    const lines = ['Mã đơn vị;Kỳ báo cáo;Mã chỉ tiêu;Tử số;Mẫu số'];
    // the `months` months up to October 2026, each with the units that report for it (the units of the merged
    // province start in 2025: a period before that would refuse their rows, as the import does)
    for (let m = 0; m < months; m++) {
      const index = 2026 * 12 + 9 - (months - 1 - m);
      const period = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      for (const unit of regime.units.filter((u) => reportsFor(units.get(u)!, reportPeriod(period))))
        for (const ind of regime.indicators)
          lines.push(`${unit};${period};${ind};${(1000 + k + m).toLocaleString('vi-VN')};${(2000 + m).toLocaleString('vi-VN')}`);
    }
    return Buffer.from(lines.join('\r\n'));
  };
  const perRun = d.quick ? 2 : 4;
  let k = 0;
  const nextFiles = () => Array.from({ length: perRun }, () => csvOf(k++));
  const rows = csvOf(0).toString().split('\r\n').length - 1;
  const cat = indexReporting();
  /** rows/s of the in-process parse + validation of `files`. */
  const ceiling = (files: ReturnType<typeof csvOf>[]) => {
    const t0 = performance.now();
    for (const f of files) {
      const r = importTable(cat, readCsv(f));
      if (r.errors.length) throw new Error(JSON.stringify(r.errors[0]));
    }
    return (rows * files.length) / ((performance.now() - t0) / 1000);
  };
  const server = await d.startServer();
  try {
    /** rows/s of the same files imported through the server. */
    const imported = async (files: ReturnType<typeof csvOf>[]) => {
      const t0 = performance.now();
      for (const f of files) {
        const r = await fetch(`${server.url}/api/v1/reporting/imports`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', 'x-api-key': d.key },
          body: f,
        });
        if (r.status !== 200) throw new Error(`import: ${r.status} ${(await r.text()).slice(0, 300)}`);
        await r.arrayBuffer();
      }
      return (rows * files.length) / ((performance.now() - t0) / 1000);
    };
    // warm-up of both (not measured): the JIT of the parse and validation here, of the route and the store there
    ceiling(nextFiles());
    await imported(nextFiles());
    // the same files on both sides of a round; the order alternates, so neither side always runs on a cooler machine
    const filesOf: ReturnType<typeof nextFiles>[] = [];
    const files = (round: number) => (filesOf[round] ??= nextFiles());
    const runs = (
      await inTurns(
        d.repeat,
        (r) => imported(files(r)),
        (r) => ceiling(files(r)),
      )
    ).map(({ figure: s, ceiling: c }) => ({ rowsPerS: Math.round(s), ceilingRowsPerS: Math.round(c), ratio: +(s / c).toFixed(3) }));
    const ratio = spread(runs.map((r) => r.ratio));
    const rate = spread(
      runs.map((r) => r.rowsPerS),
      0,
    );
    const ceil = spread(
      runs.map((r) => r.ceilingRowsPerS),
      0,
    );
    d.results.reportingImport = { rowsPerFile: rows, filesPerRun: perRun, rowsPerS: rate, ceilingRowsPerS: ceil, ratio, runs };
    log(
      `reporting import: ${d.fmt(rows)}-row CSV files stored whole at median ${d.fmt(rate.median)} rows/s vs parse+validate ceiling (warm, in turns) ` +
        `median ${d.fmt(ceil.median)} rows/s → ${showSpread(ratio)}`,
    );
  } finally {
    await server.stop();
  }
}
