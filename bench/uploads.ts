/**
 * The `uploads` bench (issue 12 #11): does one client's upload hold up everyone else?
 * `/healthz` is probed every 10 ms (open loop: a probe is sent on time even while earlier ones
 * wait, so a stall shows in every probe it delays) on one server, in one run:
 *   1. idle;
 *   2. while one client uploads a 60 MB NDJSON body of observations;
 *   3. while one client uploads a hostile 2 MB XLSX (a cell that inflates to 200 MB, padded with an
 *      incompressible image), several times in a row;
 *   4. while one client imports a large but legitimate XLSX: the months of a regime's table back from October 2026
 *      that its units report for, as many as the sheet row limit admits (MAX_SHEET_ROWS).
 * p50/p99/max latency and the server's peak RSS (VmRSS sampled every 20 ms) per phase; target:
 * p99 ≤ 100 ms while one client uploads. The uploading client is another process, so its own work
 * (sending 60 MB) never delays the probes. Beside them, the 60 MB upload's persisted rate against the
 * parse + validate ceiling (POST /api/v1/_bench/ndjson-discard, the same body, same server).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CAN_THO_REGIMES, indexReporting, reportPeriod, reportsFor } from '@cityioc/domain';
import { MAX_SHEET_ROWS } from '../apps/ingest/src/feeds/reporting/table-limits.ts';
import { bombSheet, workbookWith, XLSX } from '../apps/ingest/test/helpers/workbooks.ts';
import { TODAY_AREAS, type BenchDeps } from './bench-server.ts';

export type UploadsBenchDeps = Pick<BenchDeps, 'quick' | 'key' | 'results' | 'startServer' | 'quantile' | 'fmt'>;

// today's communes: the old district codes (916…927) are refused since 1 July 2025, and every line was
const AREAS = TODAY_AREAS;

/** About `mb` MB of observations, one per line, all valid and dated within the past hour. */
function ndjsonBody(mb: number, now: number): { body: string; lines: number } {
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < mb * 1e6; n++) {
    const l = JSON.stringify({
      id: `up-${now}-${String(n).padStart(9, '0')}`,
      indicator: 'citizen_reports_received',
      area: AREAS[n % 9],
      agency: `000.00.${String(n % 40).padStart(2, '0')}.H13`,
      observedAt: new Date(now - 60_000 - (n % 3_000_000)).toISOString(),
      value: n % 1000,
    });
    lines.push(l);
    size += l.length + 1;
  }
  return { body: lines.join('\n'), lines: lines.length };
}

/**
 * Up to `maxMonths` whole months of the regime's table ending October 2026, each with the units that report for it (the
 * merged province's communes start in 2025: an earlier period refuses their rows, 422), never more rows than the import
 * admits (a larger sheet is answered 413 too_many_rows, which is right but times nothing).
 */
async function largeWorkbook(maxMonths: number): Promise<{ file: Buffer; rows: number }> {
  const regime = CAN_THO_REGIMES.find((r) => r.id === 'cchc-cds')!;
  const units = indexReporting().units;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.addRow(['Mã đơn vị', 'Kỳ báo cáo', 'Mã chỉ tiêu', 'Tử số', 'Mẫu số']);
  let rows = 0;
  for (let m = 0; m < maxMonths; m++) {
    const index = 2026 * 12 + 9 - m;
    const period = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const reporting = regime.units.filter((u) => reportsFor(units.get(u)!, reportPeriod(period)));
    if (reporting.length === 0 || rows + reporting.length * regime.indicators.length > MAX_SHEET_ROWS - 1) break;
    for (const unit of reporting)
      for (const ind of regime.indicators) {
        ws.addRow([unit, period, ind, 1000 + m, 2000 + m]);
        rows++;
      }
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Phase {
  probes: number;
  unanswered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  peakRssMb: number;
}

/** Probes /healthz every 10 ms and samples the server's RSS while `work` runs. */
async function probeDuring(url: string, pid: number, deps: UploadsBenchDeps, work: () => Promise<void>): Promise<Phase> {
  const lat: number[] = [];
  let failed = 0;
  const inflight: Promise<void>[] = [];
  let peak = rssMb(pid);
  const rss = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  let running = true;
  const prober = (async () => {
    for (let due = performance.now(); running; due += 10) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const sent = due; // the probe's scheduled time: a stalled client loop does not hide a stalled server
      inflight.push(
        fetch(`${url}/healthz`).then(
          async (r) => {
            await r.arrayBuffer();
            if (r.status !== 200) throw new Error(`/healthz answered ${r.status}`);
            lat.push(performance.now() - sent);
          },
          () => {
            // not even connected (a server stalled for more than the client's 10 s connect timeout):
            // counted, with the time it waited as its latency (a lower bound)
            failed++;
            lat.push(performance.now() - sent);
          },
        ),
      );
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await prober;
    await Promise.all(inflight);
    clearInterval(rss);
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    probes: lat.length,
    unanswered: failed,
    p50Ms: r(deps.quantile(lat, 0.5)),
    p99Ms: r(deps.quantile(lat, 0.99)),
    maxMs: r(Math.max(...lat)),
    peakRssMb: Math.round(peak),
  };
}

/** The uploading client: a plain http.request in another Node process, so its work never delays the probes. */
const CLIENT = `
const http = require('node:http'), fs = require('node:fs');
const [url, type, key, file] = process.argv.slice(1);
const body = fs.readFileSync(file);
const t = performance.now();
const req = http.request(url, { method: 'POST', headers: { 'content-type': type, 'x-api-key': key, 'content-length': body.length } }, (res) => {
  let text = '';
  res.setEncoding('utf8').on('data', (d) => (text += d)).on('end', () =>
    process.stdout.write(JSON.stringify({ status: res.statusCode, seconds: (performance.now() - t) / 1000, text: text.slice(0, 300) })));
});
req.end(body);`;

/** Posts a file from the uploading client process; resolves with the status and the seconds from sending to the answer. */
function postFrom(file: string, url: string, key: string, type: string): Promise<{ status: number; seconds: number; text: string }> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', CLIENT, url, type, key, file], { maxBuffer: 1 << 20 }, (err, out) => (err ? reject(err) : resolve(JSON.parse(out)))),
  );
}

export async function benchUploads(deps: UploadsBenchDeps): Promise<void> {
  const { quick, key, fmt } = deps;
  const now = Date.now();
  const mb = quick ? 20 : 60;
  const nd = ndjsonBody(mb, now);
  const bomb = await workbookWith(bombSheet(200), { parts: [{ name: 'xl/media/image1.png', content: randomBytes(1_800_000) }] });
  const large = await largeWorkbook(quick ? 24 : 120);
  const dir = mkdtempSync(join(tmpdir(), 'ioc-uploads-'));
  const files = {
    nd: join(dir, 'body.ndjson'),
    warm: join(dir, 'warm.ndjson'),
    bomb: join(dir, 'bomb.xlsx'),
    large: join(dir, 'large.xlsx'),
    small: join(dir, 'small.xlsx'),
  };
  writeFileSync(files.nd, nd.body);
  writeFileSync(files.warm, ndjsonBody(1, now - 3_600_000).body);
  writeFileSync(files.bomb, bomb);
  writeFileSync(files.large, large.file);
  writeFileSync(files.small, (await largeWorkbook(1)).file);
  const server = await deps.startServer();
  try {
    const ndjsonUrl = `${server.url}/api/v1/observations/ndjson`;
    const importUrl = `${server.url}/api/v1/reporting/imports`;
    const line = (name: string, p: Phase) =>
      console.log(
        `  ${name}: /healthz p50 ${p.p50Ms} ms, p99 ${p.p99Ms} ms, max ${p.maxMs} ms over ${p.probes} probes${p.unanswered ? ` (${p.unanswered} never connected)` : ''}; server peak RSS ${p.peakRssMb} MB`,
      );
    // warm up: the routes, the validators, the XLSX reader
    await postFrom(files.warm, ndjsonUrl, key, 'application/x-ndjson');
    await postFrom(files.small, importUrl, key, XLSX);

    const idle = await probeDuring(server.url, server.pid, deps, () => new Promise((r) => setTimeout(r, quick ? 2000 : 4000)));
    console.log(`uploads (one server, healthz probed every 10 ms; target p99 ≤ 100 ms while one client uploads):`);
    line('idle', idle);

    let upload = { status: 0, seconds: 0, text: '' };
    const ndjson = await probeDuring(server.url, server.pid, deps, async () => {
      upload = await postFrom(files.nd, ndjsonUrl, key, 'application/x-ndjson');
      if (upload.status !== 200) throw new Error(`NDJSON upload answered ${upload.status}: ${upload.text}`);
    });
    const uploadS = upload.seconds;
    line(`during a ${mb} MB NDJSON upload (${fmt(nd.lines)} lines, ${uploadS.toFixed(1)} s)`, ndjson);

    const rounds = quick ? 3 : 5;
    const answers: number[] = [];
    const hostile = await probeDuring(server.url, server.pid, deps, async () => {
      for (let i = 0; i < rounds; i++) answers.push((await postFrom(files.bomb, importUrl, key, XLSX)).status);
    });
    line(`during ${rounds} hostile ${(bomb.length / 1e6).toFixed(1)} MB XLSX uploads (a 200 MB cell; answered ${answers.join(', ')})`, hostile);

    let largeStatus = 0;
    const largeXlsx = await probeDuring(server.url, server.pid, deps, async () => {
      largeStatus = (await postFrom(files.large, importUrl, key, XLSX)).status;
    });
    line(`during a ${fmt(large.rows)}-row XLSX import (${(large.file.length / 1e6).toFixed(1)} MB, answered ${largeStatus})`, largeXlsx);

    // the same body through the parse + validate ceiling (nothing stored), same server, same client
    const ceiling = await postFrom(files.nd, `${server.url}/api/v1/_bench/ndjson-discard`, key, 'application/x-ndjson');
    if (ceiling.status !== 200) throw new Error(`ceiling answered ${ceiling.status}`);
    const ceilingS = ceiling.seconds;
    const ratio = ceilingS / uploadS;
    console.log(
      `  ${mb} MB NDJSON persisted at ${fmt(nd.lines / uploadS)} ev/s vs parse+validate ceiling ${fmt(nd.lines / ceilingS)} ev/s (same body) → ${(ratio * 100).toFixed(1)} %`,
    );
    deps.results.uploads = {
      idle,
      ndjson: { ...ndjson, mb, lines: nd.lines, status: upload.status, uploadS: +uploadS.toFixed(2) },
      hostileXlsx: { ...hostile, bytes: bomb.length, inflatesTo: 200 * 1024 * 1024, answers },
      largeXlsx: { ...largeXlsx, rows: large.rows, bytes: large.file.length, status: largeStatus },
      ndjsonThroughput: { persistedEventsPerS: Math.round(nd.lines / uploadS), ceilingEventsPerS: Math.round(nd.lines / ceilingS), ratio: +ratio.toFixed(3) },
      targetP99Ms: 100,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
