import { Type, type Static } from 'typebox';
import { LiteralUnion } from '../common.ts';
import { RFC3339_PATTERN } from './dossier.ts';
import { FEED_ID_PATTERN, FeedIdSchema, PLAIN_TEXT_PATTERN } from './ids.ts';

/** A reporting period: year '2025', half '2025-H1', quarter '2025-Q1' or month '2025-03' (local calendar). */
export const PERIOD_KEY_PATTERN = '^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$';

const Points = Type.Number({ minimum: 0, maximum: 100 });

/** Which official score it is: its origin, the unit and period it scores, and its total (the feed's and the scorecard's answer's). */
export const OfficialScoreFields = {
  /** Where it came from: the current evaluation API, the older rest.jsp service, or typed in from a report. */
  origin: LiteralUnion(['dvcqg-evaluation-api', 'dvcqg-legacy', 'manual']),
  /** The unit as the portal names it: a department code such as 'H13', an agency code, or the portal's id. */
  unitCode: FeedIdSchema,
  period: Type.String({ pattern: PERIOD_KEY_PATTERN }),
  total: Points,
};

/**
 * One Decision 766 score as the national portal (DVCQG) publishes it for one unit and period.
 * Kept as its own series, never merged with the scores we compute from dossier events: the portal
 * also uses the national reporting system's denominators and the sync ratio, so the two differ
 * by design. Maxima are stored as the portal returns them because the split of points has changed
 * over time.
 */
export const Official766ScoreSchema = Type.Object(
  {
    kind: Type.Literal('official'),
    ...OfficialScoreFields,
    unitName: Type.Optional(Type.String({ maxLength: 256, pattern: PLAIN_TEXT_PATTERN })),
    rank: Type.Optional(Type.Integer({ minimum: 1 })),
    /** How many units were ranked (e.g. 34 provinces since mid-2025, 63 before). */
    rankOf: Type.Optional(Type.Integer({ minimum: 1 })),
    groups: Type.Array(
      Type.Object(
        {
          /** The portal's group id ('transparency', 'dvc-progress-tree', …) or the legacy field (CKMB, TDGQ, …). */
          id: Type.String({ minLength: 1, maxLength: 64, pattern: FEED_ID_PATTERN }),
          score: Points,
          maxScore: Type.Optional(Points),
        },
        { additionalProperties: false },
      ),
      { maxItems: 16 },
    ),
    metrics: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 64, pattern: FEED_ID_PATTERN }),
            name: Type.Optional(Type.String({ maxLength: 512, pattern: PLAIN_TEXT_PATTERN })),
            numerator: Type.Optional(Type.Number({ minimum: 0 })),
            denominator: Type.Optional(Type.Number({ minimum: 0 })),
            /** As published, in percent. */
            ratio: Type.Optional(Type.Number()),
            score: Type.Optional(Type.Number({ minimum: 0 })),
            maxScore: Type.Optional(Type.Number({ minimum: 0 })),
            dataQualityStatus: Type.Optional(Type.String({ maxLength: 64, pattern: PLAIN_TEXT_PATTERN })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 64 },
      ),
    ),
    /** When we read it from the portal. */
    fetchedAt: Type.String({ pattern: RFC3339_PATTERN, format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Official766Score = Static<typeof Official766ScoreSchema>;
