import type { FastifyInstance, FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import { ReportReviewSchema, ReportSubmissionInputSchema, type ImportResponse, type ReportSubmissionInput } from '@cityioc/contracts';
import { checkReport, importTable, parseReportPeriod, type SheetGrid } from '@cityioc/domain';
import { Type } from 'typebox';
import type { ReportingService } from '../../reporting/reporting.service.ts';
import { CSV_MIMES, NotASpreadsheet, readCsvInSlices, readXlsx, WorkbookTooLarge, XLSX_MIME } from '../../feeds/reporting/spreadsheet.ts';
import { MAX_CONCURRENT_IMPORTS, withImportSlot } from '../../feeds/reporting/import-slots.ts';
import { feedRouteOptions } from '../../pipeline/feed-route.ts';

type Auth = (req: never, reply: never) => Promise<unknown>;

export interface ReportingRouteOptions {
  reporting: ReportingService;
  clock: () => number;
  authenticateFeed: Auth;
  authenticateViewer: Auth;
  rateLimit: { max: number; timeWindow: string };
  readRateLimitPerMinute: number;
  /** Largest upload accepted by the import (default 2 MiB: a department's table is a few kB). */
  importLimitBytes?: number;
  /** Imports in progress at once; beyond, 503 with Retry-After (default MAX_CONCURRENT_IMPORTS). */
  maxConcurrentImports?: number;
}

const PeriodQuery = Type.String({ minLength: 4, maxLength: 16 });
const CodeList = Type.String({ maxLength: 2000, pattern: '^[A-Za-z0-9._,-]*$' });

const fail = (reply: FastifyReply, code: number, error: string, message: string, details?: unknown) =>
  reply.code(code).send({ statusCode: code, error, message, ...(details ? { details } : {}) });

const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : undefined);

/** RFC 4180 with a UTF-8 BOM (Excel reads Vietnamese text), formula-looking text neutralised. */
function csvOf(rows: readonly (readonly (string | number | null)[])[]): string {
  const field = (v: string | number | null) => {
    if (v === null) return '';
    let t = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(t)) t = `'${t}`;
    return /[",\r\n]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/**
 * The reporting-system feed (Decree 09/2019/NĐ-CP):
 *   POST /api/v1/reporting/reports           one report as JSON (feed API key)
 *   POST /api/v1/reporting/imports           a CSV or XLSX table (raw body; ?regime=&unit=&period=&filename=)
 *   POST /api/v1/reporting/reviews           return or accept a submitted version
 *   GET  /api/v1/reporting/catalogue         indicators, units, regimes
 *   GET  /api/v1/reporting/status            ?regime=&period= — every unit's submission status
 *   GET  /api/v1/reporting/values            ?period=&units=&indicators= — values against targets
 *   GET  /api/v1/reporting/latest            ?units= — each indicator's latest reported period, against its target
 *   GET  /api/v1/reporting/rankings          ?indicator=&period=&group=department|district|all
 *   GET  /api/v1/reporting/history           ?indicator=&units=&format=json|csv|xlsx
 */
export async function reportingRoutes(app: FastifyInstance, opts: ReportingRouteOptions): Promise<void> {
  const { reporting, clock } = opts;
  const cat = reporting.cat;
  const importLimit = opts.importLimitBytes ?? 2 * 1024 * 1024;
  const feed = feedRouteOptions(opts.authenticateFeed, opts.rateLimit);
  const read = { onRequest: opts.authenticateViewer as never, config: { rateLimit: { max: opts.readRateLimitPerMinute, timeWindow: '1 minute' } } };

  // raw spreadsheet bodies, only inside this plugin
  app.addContentTypeParser([...CSV_MIMES, XLSX_MIME], { parseAs: 'buffer', bodyLimit: importLimit }, (_req, body, done) => done(null, body));

  const checkPeriod = (reply: FastifyReply, period: string) => {
    const p = parseReportPeriod(period);
    if (!p.ok) {
      void fail(reply, 400, p.reason === 'malformed' ? 'malformed_period' : 'nonexistent_period', p.message, [
        { field: '/period', reason: p.reason === 'malformed' ? 'malformed_period' : 'nonexistent_period', message: p.message },
      ]);
      return false;
    }
    return true;
  };
  const checkIndicator = (reply: FastifyReply, id: string) => {
    if (cat.indicators.has(id)) return true;
    void fail(reply, 404, 'unknown_indicator', `indicator '${id}' is not in the reporting catalogue`, [
      { field: '/indicator', reason: 'unknown_indicator', message: `indicator '${id}' is not in the reporting catalogue` },
    ]);
    return false;
  };
  const checkUnits = (reply: FastifyReply, units: string[] | undefined) => {
    const bad = (units ?? []).filter((u) => !cat.units.has(u));
    if (bad.length === 0) return true;
    void fail(
      reply,
      404,
      'unknown_unit',
      `unknown unit(s): ${bad.join(', ')}`,
      bad.map((u) => ({ field: '/units', reason: 'unknown_unit', message: `unit '${u}' is not in the catalogue` })),
    );
    return false;
  };

  app.post('/api/v1/reporting/reports', { ...feed, schema: { body: ReportSubmissionInputSchema } }, async (req, reply) => {
    const input = req.body as ReportSubmissionInput;
    const checked = checkReport(cat, input);
    if (!checked.ok) return fail(reply, 422, 'invalid_report', checked.errors.map((e) => `${e.field}: ${e.message}`).join('; '), checked.errors);
    const now = clock();
    const submittedAt = input.submittedAt ? Date.parse(input.submittedAt) : now;
    if (submittedAt > now + 5 * 60_000)
      return fail(reply, 422, 'invalid_report', 'submittedAt is in the future', [
        { field: '/submittedAt', reason: 'future', message: 'submittedAt is in the future' },
      ]);
    const [r] = await reporting.submit(
      [{ regime: input.regime, unit: input.unit, period: input.period, values: input.values, submittedAt, signedBy: input.signedBy ?? null }],
      {
        source: req.source,
        origin: 'api',
        fileName: null,
        receivedAt: now,
      },
    );
    const st = await reporting.statusOf(input.regime, input.period, now);
    const status = st.units.find((u) => u.unit === input.unit)!.status;
    return reply.code(r!.result === 'stored' ? 201 : 200).send({ ...r, status });
  });

  app.post(
    '/api/v1/reporting/imports',
    {
      ...feed,
      schema: {
        querystring: Type.Object(
          {
            regime: Type.Optional(Type.String({ maxLength: 64 })),
            unit: Type.Optional(Type.String({ maxLength: 64 })),
            period: Type.Optional(PeriodQuery),
            filename: Type.Optional(Type.String({ maxLength: 255 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    // issue 12 #11: at most maxConcurrentImports in progress; files are read off the event loop and unpacked under limits
    withImportSlot(opts.maxConcurrentImports ?? MAX_CONCURRENT_IMPORTS, async (req, reply) => {
      const q = req.query as { regime?: string; unit?: string; period?: string; filename?: string };
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = req.body;
      if (!Buffer.isBuffer(body)) return fail(reply, 415, 'unsupported_media_type', `send the file with Content-Type text/csv or ${XLSX_MIME}`);
      if (q.regime && !cat.regimes.has(q.regime)) return fail(reply, 400, 'unknown_regime', `regime '${q.regime}' does not exist`);
      let grid: SheetGrid;
      try {
        grid = type === XLSX_MIME ? await readXlsx(body) : await readCsvInSlices(body);
      } catch (e) {
        if (e instanceof WorkbookTooLarge) return fail(reply, 413, 'workbook_too_large', e.message, e.details);
        if (e instanceof NotASpreadsheet) return fail(reply, e.reason === 'too_many_rows' ? 413 : e.reason === 'empty' ? 400 : 415, e.reason, e.message);
        throw e;
      }
      const parsed = importTable(cat, grid, { regime: q.regime, unit: q.unit, period: q.period });
      // a report must pass the same checks as a JSON one
      if (parsed.errors.length === 0)
        for (const r of parsed.reports) {
          const c = checkReport(cat, { regime: r.regime, unit: r.unit, period: r.period, values: r.values });
          if (!c.ok)
            for (const e of c.errors)
              parsed.errors.push({
                row: r.rows[0] ?? 0,
                column: null,
                header: null,
                field: e.field.replace(/^\/values\/\d+\//, ''),
                reason: e.reason,
                message: e.message,
              });
        }
      if (parsed.errors.length > 0) {
        const res: ImportResponse = { result: 'rejected', rows: parsed.rows, reports: [], errors: parsed.errors };
        return reply.code(422).send(res);
      }
      const now = clock();
      const stored = await reporting.submit(parsed.reports, {
        source: req.source,
        origin: type === XLSX_MIME ? 'import-xlsx' : 'import-csv',
        fileName: q.filename ?? null,
        receivedAt: now,
      });
      const res: ImportResponse = { result: 'imported', rows: parsed.rows, reports: stored, errors: [] };
      return reply.code(200).send(res);
    }),
  );

  app.post(
    '/api/v1/reporting/reviews',
    {
      ...feed,
      schema: {
        body: Type.Object(
          {
            regime: Type.String({ maxLength: 64 }),
            unit: Type.String({ maxLength: 64 }),
            period: PeriodQuery,
            version: Type.Integer({ minimum: 1 }),
            review: ReportReviewSchema,
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const b = req.body as { regime: string; unit: string; period: string; version: number; review: 'returned' | 'accepted'; note?: string };
      const ok = await reporting.review(b, { review: b.review, at: clock(), note: b.note ?? null });
      if (!ok) return fail(reply, 404, 'not_found', `no version ${b.version} of ${b.regime}/${b.unit}/${b.period}`);
      return { ...b, status: b.review };
    },
  );

  app.get('/api/v1/reporting/catalogue', read, async () => ({
    indicators: [...cat.indicators.values()],
    units: [...cat.units.values()],
    regimes: [...cat.regimes.values()],
  }));

  app.get(
    '/api/v1/reporting/status',
    { ...read, schema: { querystring: Type.Object({ regime: Type.String({ maxLength: 64 }), period: PeriodQuery }, { additionalProperties: false }) } },
    async (req, reply) => {
      const q = req.query as { regime: string; period: string };
      const regime = cat.regimes.get(q.regime);
      if (!regime) return fail(reply, 404, 'unknown_regime', `regime '${q.regime}' does not exist`);
      if (!checkPeriod(reply, q.period)) return reply;
      const kind = parseReportPeriod(q.period);
      if (kind.ok && !regime.periodKinds.includes(kind.period.kind))
        return fail(reply, 400, 'period_not_in_regime', `${regime.id} has no ${kind.period.kind} reports (it has ${regime.periodKinds.join(', ')})`);
      return reporting.statusOf(q.regime, q.period, clock());
    },
  );

  app.get(
    '/api/v1/reporting/values',
    {
      ...read,
      schema: {
        querystring: Type.Object({ period: PeriodQuery, units: Type.Optional(CodeList), indicators: Type.Optional(CodeList) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const q = req.query as { period: string; units?: string; indicators?: string };
      if (!checkPeriod(reply, q.period)) return reply;
      const units = list(q.units);
      const indicators = list(q.indicators);
      if (!checkUnits(reply, units)) return reply;
      for (const i of indicators ?? []) if (!checkIndicator(reply, i)) return reply;
      return reporting.valuesOf(q.period, { units, indicators });
    },
  );

  app.get(
    '/api/v1/reporting/latest',
    { ...read, schema: { querystring: Type.Object({ units: Type.Optional(CodeList) }, { additionalProperties: false }) } },
    async (req, reply) => {
      const units = list((req.query as { units?: string }).units);
      if (!checkUnits(reply, units)) return reply;
      return reporting.latestOf({ units });
    },
  );

  app.get(
    '/api/v1/reporting/rankings',
    {
      ...read,
      schema: {
        querystring: Type.Object(
          {
            indicator: Type.String({ maxLength: 64 }),
            period: PeriodQuery,
            group: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('district'), Type.Literal('all')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const q = req.query as { indicator: string; period: string; group?: 'department' | 'district' | 'all' };
      if (!checkIndicator(reply, q.indicator) || !checkPeriod(reply, q.period)) return reply;
      return reporting.rankingOf(q.indicator, q.period, q.group ?? 'all');
    },
  );

  app.get(
    '/api/v1/reporting/history',
    {
      ...read,
      schema: {
        querystring: Type.Object(
          {
            indicator: Type.String({ maxLength: 64 }),
            units: Type.Optional(CodeList),
            format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const q = req.query as { indicator: string; units?: string; format?: 'json' | 'csv' | 'xlsx' };
      if (!checkIndicator(reply, q.indicator)) return reply;
      const units = list(q.units);
      if (!checkUnits(reply, units)) return reply;
      const h = await reporting.historyOf(q.indicator, { units });
      if (!q.format || q.format === 'json') return h;
      const ind = cat.indicators.get(q.indicator)!;
      const names = new Map(h.units.map((u) => [u.unit, u.unitName]));
      const header = ['Kỳ báo cáo', 'Mã đơn vị', 'Đơn vị', 'Mã chỉ tiêu', 'Chỉ tiêu', `Giá trị (${ind.unit})`, 'Tử số', 'Mẫu số', 'Nguồn số liệu'];
      const prov = (p: string | null) => (p === 'illustrative' ? 'minh họa' : p === 'published' ? 'công bố' : '');
      const rows = h.points.map((p) => [
        p.period,
        p.unit,
        names.get(p.unit) ?? p.unit,
        ind.id,
        ind.name.vi,
        p.value,
        p.numerator,
        p.denominator,
        prov(p.provenance),
      ]);
      const file = `bao-cao-${ind.id}`;
      if (q.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}.csv"`)
          .send(csvOf([header, ...rows]));
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(ind.id.slice(0, 31));
      ws.addRow(header).font = { bold: true };
      for (const r of rows) ws.addRow(r);
      ws.columns.forEach((c) => (c.width = 18));
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${file}.xlsx"`).send(buf);
    },
  );
}
