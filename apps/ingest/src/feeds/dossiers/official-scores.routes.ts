import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Official766ScoreSchema, PERIOD_KEY_PATTERN, type ItemError, type Official766Score } from '@cityioc/contracts';
import {
  areaCodeError,
  implausibleDate,
  implausiblePeriod,
  localDateOf,
  localTimeMs,
  type AgencyIndex,
  type CatalogueIndex,
  type DateBounds,
} from '@cityioc/domain';
import { Type } from 'typebox';
import { ingestChecked, type ItemCheck } from '../../pipeline/ingest.service.ts';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import { ingestResponses as responses, sendIngest as send } from '../../pipeline/feed-route.ts';
import { feedOf, READ } from '../../plugins/access.ts';
import { withGrant } from '../grant-check.ts';

const check = compileItemCheck<Official766Score>(Official766ScoreSchema as object);
const BodySchema = Type.Object({ scores: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
const QuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    period: Type.Optional(Type.String({ pattern: PERIOD_KEY_PATTERN })),
  },
  { additionalProperties: false },
);

/** The first instant of a period key ('2026', '2026-H2', '2026-Q4', '2026-10'), local time. */
function periodStart(key: string): number {
  const y = key.slice(0, 4);
  const rest = key.slice(5);
  const month = rest === '' ? 1 : rest.startsWith('Q') ? (Number(rest[1]) - 1) * 3 + 1 : rest.startsWith('H') ? (Number(rest[1]) - 1) * 6 + 1 : Number(rest);
  return localTimeMs(`${y}-${String(month).padStart(2, '0')}-01`, 0);
}

/** What a score's unit is checked against: a GSO code in the area registry, an agency code in the agency catalogue, at the period's start. */
export interface ScoreUnitContext {
  index: CatalogueIndex;
  agencies: AgencyIndex;
}

const GSO = /^[0-9]{2,5}$/;
const AGENCY = /^[0-9A-Za-z]{2,4}\.[0-9A-Za-z]{2,3}\.[0-9A-Za-z]{2,3}\.[A-Za-z][0-9]{2}$/;

/**
 * The unit of a score checked against its period: a GSO unit code must be in force at the period's
 * start (unknown_area / unit_not_valid_at with successors); an agency code the catalogue knows
 * must not have ended before it. Other portal ids (a province's 'H13') are kept as they are.
 */
function unitError(s: Official766Score, ctx: ScoreUnitContext): ItemError | null {
  const startMs = periodStart(s.period);
  const day = localDateOf(startMs);
  if (GSO.test(s.unitCode)) return areaCodeError('/unitCode', s.unitCode, day, ctx.index.checkCodeAt(s.unitCode, day), 'unit');
  if (AGENCY.test(s.unitCode) && ctx.agencies.get(s.unitCode) !== undefined) {
    const r = ctx.agencies.lookup(s.unitCode, startMs);
    if (!r.ok) return { field: '/unitCode', reason: 'unit_not_valid_at', message: r.message, successors: r.successors ?? [] };
  }
  return null;
}

/** One official score: dates first (their reason wins), then the schema, then what it cannot say. */
export function checkOfficialScore(item: unknown, now: number, bounds: DateBounds, units?: ScoreUnitContext): ItemCheck<Official766Score> {
  const raw = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const id = typeof raw.unitCode === 'string' && typeof raw.period === 'string' ? `${raw.unitCode}@${raw.period}` : null;
  const early: ItemError[] = [];
  const fetched = implausibleDate('/fetchedAt', raw.fetchedAt, 'event', now, bounds);
  if (fetched) early.push(fetched);
  if (typeof raw.period === 'string' && new RegExp(PERIOD_KEY_PATTERN).test(raw.period)) {
    const p = implausiblePeriod('/period', raw.period, periodStart(raw.period), now, bounds);
    if (p) early.push(p);
  }
  if (early.length > 0) return { ok: false, id, errors: early };
  const c = check(item);
  if (!c.ok) return { ok: false, id, errors: c.errors };
  const s = c.value;
  const errors: ItemError[] = [];
  const unit = units ? unitError(s, units) : null;
  if (unit) errors.push(unit);
  if (s.groups.some((g) => g.maxScore !== undefined && g.score > g.maxScore))
    errors.push({ field: '/groups', reason: 'range', message: 'a group score exceeds its maximum' });
  if (s.rank !== undefined && s.rankOf !== undefined && s.rank > s.rankOf)
    errors.push({ field: '/rank', reason: 'range', message: `rank ${s.rank} is beyond the ${s.rankOf} units ranked` });
  (s.metrics ?? []).forEach((m, i) => {
    if (m.numerator !== undefined && m.denominator !== undefined && m.numerator > m.denominator)
      errors.push({ field: `/metrics/${i}/numerator`, reason: 'range', message: `numerator ${m.numerator} exceeds denominator ${m.denominator}` });
    if (m.score !== undefined && m.maxScore !== undefined && m.score > m.maxScore)
      errors.push({ field: `/metrics/${i}/score`, reason: 'range', message: `score ${m.score} exceeds its maximum ${m.maxScore}` });
  });
  return errors.length > 0 ? { ok: false, id, errors } : { ok: true, id: `${s.unitCode}@${s.period}`, value: s };
}

/**
 * The official Decision 766 series, as published by the national portal: imported by a feed,
 * read by the wall and analysts beside — never merged with — the scores computed from dossiers.
 *   POST /api/v1/score766/official  {"scores": [Official766Score…]} → per-item results (no log positions)
 *   GET  /api/v1/score766/official?unit=H13&period=2026-10
 */
export const officialScoreRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { officialScores, clock, config, index, agencies } = app.ioc;
  const sink = { append: (batch: readonly Official766Score[]) => officialScores.put(batch) };

  app.post('/api/v1/score766/official', { config: { access: feedOf('score766') }, schema: { body: BodySchema, response: responses } }, async (req, reply) => {
    const now = clock();
    const check = withGrant(
      (item: unknown) => checkOfficialScore(item, now, config.dateBounds, { index, agencies }),
      req.grant,
      (s) => ({ unit: s.unitCode }),
      index.ancestorsAndSelf,
    );
    return send(reply, await ingestChecked(req.body.scores, check, sink));
  });

  const listSchema = {
    querystring: QuerySchema,
    response: { 200: Type.Object({ kind: Type.Literal('official'), scores: Type.Array(Official766ScoreSchema) }) },
  };
  app.get('/api/v1/score766/official', { config: { access: READ }, schema: listSchema }, async (req) => ({
    kind: 'official' as const,
    scores: await officialScores.list({ unitCode: req.query.unit, period: req.query.period }),
  }));
};
