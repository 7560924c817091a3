import type { FastifyInstance } from 'fastify';
import { Official766ScoreSchema, type Official766Score } from '@cityioc/contracts';
import { Type } from 'typebox';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import type { Store } from '../../store/store.ts';

const check = compileItemCheck<Official766Score>(Official766ScoreSchema as object);
const BodySchema = Type.Object({ scores: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
const QuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    period: Type.Optional(Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$' })),
  },
  { additionalProperties: false },
);

/**
 * The official Decision 766 series, as published by the national portal: imported by a feed,
 * read by the wall and analysts beside — never merged with — the scores computed from dossiers.
 *   POST /api/v1/score766/official  {"scores": [Official766Score…]}
 *   GET  /api/v1/score766/official?unit=H13&period=2026-10
 */
export async function officialScoreRoutes(
  app: FastifyInstance,
  opts: { store: Store; authenticateFeed: (req: never, reply: never) => Promise<unknown>; authenticateViewer: (req: never, reply: never) => Promise<unknown> },
): Promise<void> {
  app.post('/api/v1/score766/official', { onRequest: opts.authenticateFeed as never, schema: { body: BodySchema } }, async (req, reply) => {
    const items = (req.body as { scores: unknown[] }).scores;
    const valid: Official766Score[] = [];
    const results = items.map((item, index) => {
      const c = check(item);
      const id = c.ok ? `${c.value.unitCode}@${c.value.period}` : null;
      if (!c.ok) return { index, id, status: 'rejected' as const, errors: c.errors };
      if (c.value.groups.some((g) => g.maxScore !== undefined && g.score > g.maxScore))
        return { index, id, status: 'rejected' as const, errors: [{ field: '/groups', reason: 'range', message: 'a group score exceeds its maximum' }] };
      valid.push(c.value);
      return { index, id, status: 'accepted' as const };
    });
    await opts.store.putOfficialScores(valid);
    const rejected = results.length - valid.length;
    return reply.code(rejected > 0 ? 422 : 200).send({ accepted: valid.length, duplicates: 0, rejected, results });
  });

  app.get('/api/v1/score766/official', { onRequest: opts.authenticateViewer as never, schema: { querystring: QuerySchema } }, async (req) => {
    const q = req.query as { unit?: string; period?: string };
    return { kind: 'official', scores: await opts.store.officialScores({ unitCode: q.unit, period: q.period }) };
  });
}
