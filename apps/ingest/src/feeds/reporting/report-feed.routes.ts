import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ImportResponseSchema,
  PLAIN_TEXT_PATTERN,
  RegimeIdSchema,
  ReportPostResponseSchema,
  ReportSubmissionInputSchema,
  ReportUnitSchema,
  type ImportResponse,
  type ImportRowError,
  type ItemError,
} from '@cityioc/contracts';
import { checkReport, importTable, implausibleDate, implausiblePeriod, localTimeMs, parseReportPeriod, type DateBounds } from '@cityioc/domain';
import { Type } from 'typebox';
import { feedOf } from '../../plugins/access.ts';
import { checkGrantedUnit } from '../grant-check.ts';
import { grantError, grantIsOpen } from '@cityioc/domain';
import { httpError } from '../../plugins/errors.ts';
import { importSlots } from './import-slots.ts';
import { CSV_MIMES, readUploadedTable, XLSX_MIME } from './spreadsheet.ts';

/** Largest upload the import takes (a department's table is a few kB). */
const IMPORT_LIMIT_BYTES = 2 * 1024 * 1024;

const ImportQuerySchema = Type.Object(
  {
    regime: Type.Optional(RegimeIdSchema),
    unit: Type.Optional(ReportUnitSchema),
    period: Type.Optional(Type.String({ minLength: 4, maxLength: 16 })),
    filename: Type.Optional(Type.String({ maxLength: 255, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);

/** A period's plausibility (it starts on or after IOC_DATE_MIN and has begun); null for a period that does not parse (checked later). */
function periodBound(field: string, period: string, now: number, bounds: DateBounds): ItemError | null {
  const p = parseReportPeriod(period);
  if (!p.ok) return null;
  const start = localTimeMs(`${p.period.year}-${String(p.period.firstMonth).padStart(2, '0')}-01`, 0);
  return implausiblePeriod(field, period, start, now, bounds);
}

/**
 * The reporting-system feed (Decree 09/2019/NĐ-CP), with a source's API key:
 *   POST /api/v1/reporting/reports   one report as JSON → 201 stored, 200 unchanged, 422 with every problem
 *   POST /api/v1/reporting/imports   a CSV or XLSX table (raw body; ?regime=&unit=&period=&filename=): stored whole or not at all
 * Dates first: a period before IOC_DATE_MIN or not yet begun, or a submission time before it, is
 * `implausible_date` whatever else the report holds.
 */
export const reportFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { reporting, clock, config } = app.ioc;
  const cat = reporting.cat;
  const bounds = config.dateBounds;

  // raw spreadsheet bodies, only inside this plugin
  app.addContentTypeParser([...CSV_MIMES, XLSX_MIME], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  const reportResponses = { 200: ReportPostResponseSchema, 201: ReportPostResponseSchema };
  const reportSchema = { body: ReportSubmissionInputSchema, response: reportResponses };
  app.post('/api/v1/reporting/reports', { config: { access: feedOf('reporting') }, schema: reportSchema }, async (req, reply) => {
    const input = req.body;
    checkGrantedUnit(req, input.unit, '/unit');
    const now = clock();
    const early = [
      periodBound('/period', input.period, now, bounds),
      implausibleDate('/submittedAt', input.submittedAt, 'event', now, { ...bounds, maxAheadMs: Infinity }),
    ];
    const implausible = early.filter((e): e is ItemError => e !== null);
    if (implausible.length > 0) throw httpError(422, 'invalid_report', implausible.map((e) => `${e.field}: ${e.message}`).join('; '), implausible);
    const checked = checkReport(cat, input);
    if (!checked.ok) throw httpError(422, 'invalid_report', checked.errors.map((e) => `${e.field}: ${e.message}`).join('; '), checked.errors);
    const submittedAt = input.submittedAt ? Date.parse(input.submittedAt) : now;
    if (submittedAt > now + bounds.maxAheadMs)
      throw httpError(422, 'invalid_report', 'submittedAt is in the future', [
        { field: '/submittedAt', reason: 'future', message: 'submittedAt is in the future' },
      ]);
    const [r] = await reporting.submit(
      [{ regime: input.regime, unit: input.unit, period: input.period, values: input.values, submittedAt, signedBy: input.signedBy ?? null }],
      { source: req.source, origin: 'api', fileName: null, receivedAt: now },
    );
    const st = await reporting.statusOf(input.regime, input.period, now);
    const status = st.units.find((u) => u.unit === input.unit)!.status;
    return reply.code(r!.result === 'stored' ? 201 : 200).send({ ...r!, status });
  });

  // issue 12 #11: at most two imports in progress; files are read off the event loop and unpacked under limits
  const withSlot = importSlots();
  const importSchema = { querystring: ImportQuerySchema, response: { 200: ImportResponseSchema, 422: ImportResponseSchema } };
  app.post('/api/v1/reporting/imports', { config: { access: feedOf('reporting') }, schema: importSchema }, (req, reply) =>
    withSlot(reply, async () => {
      const q = req.query;
      const now = clock();
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const body = req.body;
      if (!Buffer.isBuffer(body)) throw httpError(415, 'unsupported_media_type', `send the file with Content-Type text/csv or ${XLSX_MIME}`);
      if (q.regime && !cat.regimes.has(q.regime)) throw httpError(400, 'unknown_regime', `regime '${q.regime}' does not exist`);
      const queryPeriod = q.period ? periodBound('/period', q.period, now, bounds) : null;
      if (queryPeriod) throw httpError(400, 'implausible_date', queryPeriod.message, [queryPeriod]);
      const grid = await readUploadedTable(type, body);
      const parsed = importTable(cat, grid, { regime: q.regime, unit: q.unit, period: q.period });
      const rowError = (row: number, e: ItemError): ImportRowError => ({
        row,
        column: null,
        header: null,
        field: e.field.replace(/^\/values\/\d+\//, ''),
        reason: e.reason,
        message: e.message,
      });
      // implausible periods first (their reason wins), then a report must pass the same checks as a JSON one
      const implausible = parsed.reports.flatMap((r) => {
        const e = periodBound('period', r.period, now, bounds);
        return e ? [rowError(r.rows[0] ?? 0, e)] : [];
      });
      parsed.errors.unshift(...implausible);
      // a file is stored whole or not at all: a report of a unit outside the key's grant refuses it (403, each row named)
      const grant = req.grant;
      if (grant && !grantIsOpen(grant)) {
        const outside = parsed.reports.flatMap((r) => {
          const e = grantError(grant, { unit: r.unit }, app.ioc.index.ancestorsAndSelf);
          return e ? [{ row: r.rows[0] ?? 0, e }] : [];
        });
        if (outside.length > 0)
          throw httpError(
            403,
            'outside_grant',
            outside.map((o) => `row ${o.row}: ${o.e.message}`).join('; '),
            outside.map((o) => ({ field: `/rows/${o.row}/unit`, reason: 'outside_grant', message: o.e.message })),
          );
      }
      if (parsed.errors.length === 0)
        for (const r of parsed.reports) {
          const c = checkReport(cat, { regime: r.regime, unit: r.unit, period: r.period, values: r.values });
          if (!c.ok) for (const e of c.errors) parsed.errors.push(rowError(r.rows[0] ?? 0, e));
        }
      if (parsed.errors.length > 0) {
        const res: ImportResponse = { result: 'rejected', rows: parsed.rows, reports: [], errors: parsed.errors };
        return reply.code(422).send(res);
      }
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
};
