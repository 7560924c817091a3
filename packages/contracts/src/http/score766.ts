import { Type } from 'typebox';
import type { Label } from '../catalogue/indicator.ts';
import type { DossierChannel, DossierStatus } from '../feeds/dossier.ts';
import { PROCEDURE_CODE_PATTERN } from '../feeds/dossier.ts';
import { FeedIdSchema } from '../feeds/ids.ts';
import type { PaknClassification, PaknStatus } from '../feeds/pakn.ts';
import { DOSSIER_PERIOD_PATTERN, type RatioPairDto } from './dossiers.ts';
import type { LegalTimeUnit, OnlineServiceLevel } from './procedures.ts';

/**
 * The whole Decision 766 scorecard, computed by the IOC (BRIEF §1), beside the portal's official score.
 *   GET  /api/v1/score766?unit=&period=&scheme=&procedure=&officialUnit=   Score766Response
 *   GET  /api/v1/score766/:metric/items?unit=&period=&part=&offset=&limit=  Score766ItemsResponse (.csv/.xlsx: the same rows)
 *   GET  /api/v1/score766/splits                 the configured splits of unpublished group points
 *   PUT  /api/v1/score766/splits {"items": [...]} ReferencePutResponse
 */
export type Score766SchemeKey = 'dvcqg-current' | 'qd766-2022';

export const Score766QuerySchema = Type.Object(
  {
    /** The city (default), an area code (commune, legacy district) or an agency code (department). */
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Month 2026-03, quarter 2026-Q1, half 2026-H1, nine months 2026-9M, year 2026, or whole months 2026-01-01..2026-05-31. */
    period: Type.String({ pattern: DOSSIER_PERIOD_PATTERN }),
    scheme: Type.Optional(Type.Union([Type.Literal('dvcqg-current'), Type.Literal('qd766-2022')])),
    /** One procedure (national code): every metric restricted to it, and 2.2 shown in its unit. */
    procedure: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 })),
    /** The unit as the portal names it, to read the official score by (default: `unit`). */
    officialUnit: Type.Optional(FeedIdSchema),
  },
  { additionalProperties: false },
);

export const Score766ItemsQuerySchema = Type.Object(
  {
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    period: Type.String({ pattern: DOSSIER_PERIOD_PATTERN }),
    procedure: Type.Optional(Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 })),
    /** numerator: only the items counted in the numerator; outside: in the denominator, not the numerator; denominator (default): all. */
    part: Type.Optional(Type.Union([Type.Literal('numerator'), Type.Literal('denominator'), Type.Literal('outside')])),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  },
  { additionalProperties: false },
);

export interface Score766MetricView {
  /** The portal's metric code ('PUBLISH_ON_TIME') or the indicator number ('3.1'). */
  code: string;
  /** The 766 indicator number ('1.1'); null for ELECTRONIC_CERTIFIED_COPY. */
  indicator: string | null;
  name: Label;
  /** 0–1; for 2.2 the average processing time in `unit`. null: no data. */
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The ratio at or above which full points are earned (0.8, 0.5, 0.9), null when linear. */
  threshold: number | null;
  /** null: no data, or a share the scheme does not publish. */
  points: number | null;
  /** null: the scheme does not publish this metric's share (see `split`). */
  max: number | null;
  noData: boolean;
  /** false: tracked only (5.1, maximum 0) or shown only (2.2). */
  scored: boolean;
  split: 'published' | 'configured' | 'unpublished';
  /** What the drill-down lists for it. */
  counts: 'dossiers' | 'procedures' | 'pakn' | null;
  /** Factors of a composite formula: 3.3 {online, sync}; 5.4 {overdue, complaints}. */
  inputs?: Record<string, RatioPairDto & { ratio: number | null }>;
  /** 2.2 only. */
  unit?: LegalTimeUnit;
  note: string | null;
}

export interface Score766GroupView {
  id: string;
  /** The portal's group id (transparency, dvc-progress-tree, …); null in the 2022 scheme. */
  apiId: string | null;
  name: Label;
  /** Σ of its metrics' points; null when none could be scored. A lower bound when `complete` is false. */
  points: number | null;
  max: number;
  complete: boolean;
  missing: string[];
  split: 'published' | 'configured' | 'unpublished';
  splitSource: string | null;
  metrics: Score766MetricView[];
}

export interface Score766OfficialView {
  unitCode: string;
  period: string;
  origin: string;
  total: number;
  rank: number | null;
  rankOf: number | null;
  fetchedAt: string;
  /** As the portal gives them, mapped to our group ids where known. */
  groups: { id: string; group: string | null; score: number; maxScore: number | null }[] | null;
}

export interface Score766Difference {
  group: string;
  apiId: string | null;
  computed: number | null;
  official: number;
  /** computed − official; null when the computed group has no points. */
  difference: number | null;
  /** Metrics the portal also published: its ratio and parts beside ours (ratios 0–1). */
  metrics: {
    code: string;
    computedRatio: number | null;
    officialRatio: number | null;
    computedNumerator: number | null;
    officialNumerator: number | null;
    computedDenominator: number | null;
    officialDenominator: number | null;
  }[];
}

export interface Score766Response {
  unit: string;
  unitKind: 'city' | 'area' | 'agency';
  unitName: Label | null;
  period: string;
  scheme: Score766SchemeKey;
  procedure: string | null;
  /** The clock open dossiers and PAKN were judged at (epoch ms). */
  asOf: number;
  total: { points: number; max: number; complete: boolean; missingGroups: string[] };
  groups: Score766GroupView[];
  official: Score766OfficialView | null;
  difference: Score766Difference[];
}

export type Score766Item =
  | {
      kind: 'dossier';
      code: string;
      procedureCode: string;
      agencyCode: string;
      adminUnitCode: string;
      channel: DossierChannel;
      status: DossierStatus;
      receivedAt: number;
      inNumerator: boolean;
      /** Why it is where it is (e.g. 'late', 'online_without_e_result', 'dislike'). */
      reason: string | null;
    }
  | {
      kind: 'procedure';
      code: string;
      name: Label;
      onlineService: OnlineServiceLevel;
      feeBearing: boolean;
      version: number;
      inNumerator: boolean;
      reason: string | null;
    }
  | {
      kind: 'pakn';
      paknId: string;
      title: string | null;
      adminUnitCode: string;
      agencyCode: string | null;
      classification: PaknClassification | null;
      status: PaknStatus;
      receivedAt: number;
      inNumerator: boolean;
      reason: string | null;
    };

export interface Score766ItemsResponse {
  metric: string;
  indicator: string | null;
  unit: string;
  period: string;
  kind: 'dossiers' | 'procedures' | 'pakn';
  part: 'numerator' | 'denominator' | 'outside';
  /** Items in the part (before paging); for the denominator it equals the metric's denominator. */
  total: number;
  offset: number;
  limit: number;
  items: Score766Item[];
  asOf: number;
}
