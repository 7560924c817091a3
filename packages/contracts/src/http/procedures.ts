import { Type, type Static } from 'typebox';
import { LiteralUnion, NullableString } from '../common.ts';
import { LabelSchema } from '../catalogue/indicator.ts';
import { ADMIN_UNIT_CODE_PATTERN, AGENCY_CODE_PATTERN } from '../feeds/dossier.ts';
import { FeedIdSchema, PLAIN_TEXT_PATTERN } from '../feeds/ids.ts';
import { ItemErrorSchema } from './observation.ts';

/**
 * The procedure catalogue (thủ tục hành chính, TTHC) and the working-day schedules: reference
 * documents an administrator loads by file or API. Each item is versioned: a new version of a code
 * takes effect from its `validFrom`, earlier dossiers keep the version in force when they were
 * received.
 *   GET  /api/v1/procedures                    ProceduresResponse (every version, current ones marked)
 *   PUT  /api/v1/procedures   {"items": [...]} ≤ 5,000 → ReferencePutResponse (per-item results)
 *   PUT  /api/v1/procedures/ndjson             one item per line (≤ 5,000) → ReferencePutResponse
 *   POST /api/v1/procedures/imports            a CSV or XLSX table, one procedure per row → ReferencePutResponse (`row` set)
 * Items come in our names (below) or the national portal's (`…/reporting/formalities`: id, code,
 * name, state, departmentId, appliedDepartmentIds, and the national database's MaTTHC, TenTTHC,
 * ThoiHanGiaiQuyet, DonViTinh …): see the ingest's feeds/procedures/procedure-portal.ts.
 *   GET /api/v1/calendar/schedules            SchedulesResponse (built-in, file, uploaded)
 *   PUT /api/v1/calendar/schedules {"items": [OfficialYearSchedule…]} → ReferencePutResponse
 */

/** The unit of a procedure's legal processing time (the portal's DonViTinh). */
export const LegalTimeUnitSchema = LiteralUnion(['working_days', 'days', 'hours', 'months']);
export type LegalTimeUnit = Static<typeof LegalTimeUnitSchema>;

/** Online public service level (Decree 42/2022): full online (toàn trình), partial (một phần), none. */
export const OnlineServiceLevelSchema = LiteralUnion(['full', 'partial', 'none']);
export type OnlineServiceLevel = Static<typeof OnlineServiceLevelSchema>;

/** Mức độ of an online service by Decree 42/2022: the levels a TTHC is offered at (it may be offered at both). */
export const OnlineLevelSchema = Type.Union([Type.Literal('full'), Type.Literal('partial')]);
export type OnlineLevel = Static<typeof OnlineLevelSchema>;

/** Where a procedure is applied: by the city's departments, (before 1 July 2025) districts, communes. */
export const ProcedureLevelSchema = LiteralUnion(['PROVINCE', 'DISTRICT', 'COMMUNE']);
export type ProcedureLevel = Static<typeof ProcedureLevelSchema>;

/**
 * The mandatory components of a published procedure (Decree 63/2010/NĐ-CP Art. 8(2), 766 indicator
 * 1.3): name, sequence of steps, method, dossier components, processing time, applicant type,
 * implementing agency.
 */
export const MANDATORY_COMPONENTS = ['name', 'sequence', 'method', 'dossier_components', 'processing_time', 'applicant_type', 'implementing_agency'] as const;
export const MandatoryComponentSchema = LiteralUnion(MANDATORY_COMPONENTS);
export type MandatoryComponent = (typeof MANDATORY_COMPONENTS)[number];

/** Who applies for a procedure (766 indicator 4.5a counts the procedures whose applicants are citizens). */
export const ApplicantKindSchema = Type.Union([Type.Literal('citizen'), Type.Literal('organisation')]);
export type ApplicantKind = Static<typeof ApplicantKindSchema>;

const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/**
 * The publication of a procedure version (766 indicators 1.1 and 1.2): the publishing decision
 * (quyết định công bố, QĐCB), its date, the date the legal basis takes effect, and the date the
 * procedure was made public in the national TTHC database. Local dates 'YYYY-MM-DD'.
 */
export const ProcedurePublicationSchema = Type.Object(
  {
    /** The decision's number, e.g. '1234/QĐ-UBND'. */
    decision: Type.String({ minLength: 1, maxLength: 200, pattern: PLAIN_TEXT_PATTERN }),
    decidedOn: LocalDate,
    /** When the legal basis takes effect: the decision is on time when ≤ this − 5 working days (provinces). */
    legalBasisEffectiveOn: Type.Optional(LocalDate),
    /** Made public in the national TTHC database: on time within 5 working days of decidedOn (provinces). */
    publicOn: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type ProcedurePublication = Static<typeof ProcedurePublicationSchema>;

/** The national TTHC database code alone (events may append a local agency suffix, see feeds/dossier.ts). */
export const NATIONAL_PROCEDURE_CODE_PATTERN = '^[0-9]\\.[0-9]{6}$';
export const MAX_REFERENCE_BATCH_ITEMS = 5000;

export const ProcedureItemSchema = Type.Object(
  {
    /** National TTHC database code, e.g. '1.000494'. */
    code: Type.String({ pattern: NATIONAL_PROCEDURE_CODE_PATTERN }),
    name: Type.Object(
      { vi: Type.String({ minLength: 1, maxLength: 500 }), en: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) },
      { additionalProperties: false },
    ),
    /** The legal maximum processing time: `value` in `unit` (0 = the same working day). */
    legalTime: Type.Object({ value: Type.Number({ minimum: 0 }), unit: LegalTimeUnitSchema }, { additionalProperties: false }),
    /** A fee or charge applies (3.5/3.6 denominators when a dossier carries no fee data). */
    feeBearing: Type.Boolean(),
    onlineService: OnlineServiceLevelSchema,
    /** Local date from which this version applies ('YYYY-MM-DD'). */
    validFrom: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
    /** The publication decision or other source of these facts. */
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** Demo data, not the national database's figures. */
    illustrative: Type.Optional(Type.Boolean()),
    /** Every level it is offered online at; `onlineService` is the highest of them (a procedure offered at both counts as full). */
    onlineLevels: Type.Optional(Type.Array(OnlineLevelSchema, { minItems: 1, maxItems: 2, uniqueItems: true })),
    /** The agencies that apply it (electronic identifiers, in the agency catalogue). */
    agencies: Type.Optional(Type.Array(Type.String({ pattern: AGENCY_CODE_PATTERN }), { maxItems: 500, uniqueItems: true })),
    /** Administrative units that apply it (GSO codes of the area catalogue). */
    units: Type.Optional(Type.Array(Type.String({ pattern: ADMIN_UNIT_CODE_PATTERN }), { maxItems: 500, uniqueItems: true })),
    /** Levels at which every unit applies it (e.g. COMMUNE: all commune committees). */
    levels: Type.Optional(Type.Array(ProcedureLevelSchema, { minItems: 1, maxItems: 3, uniqueItems: true })),
    publication: Type.Optional(ProcedurePublicationSchema),
    /** Mandatory components missing from the published procedure; [] when all are there; absent when not known. */
    missingComponents: Type.Optional(Type.Array(MandatoryComponentSchema, { maxItems: 7, uniqueItems: true })),
    /** The result must be issued on paper (766 3.3, 4.1, 4.2 count such dossiers only with an electronic result). */
    paperResult: Type.Optional(Type.Boolean()),
    applicants: Type.Optional(Type.Array(ApplicantKindSchema, { minItems: 1, maxItems: 2, uniqueItems: true })),
    /** It certifies copies from originals (chứng thực bản sao từ bản chính): the denominator of ELECTRONIC_CERTIFIED_COPY. */
    certifiedCopy: Type.Optional(Type.Boolean()),
    /** The national portal's own id of the procedure (`…/reporting/formalities` id). */
    portalId: Type.Optional(FeedIdSchema),
    /** The portal's state of the procedure, as it says it (e.g. 'PUBLISHED'). */
    state: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);
export type ProcedureItem = Static<typeof ProcedureItemSchema>;

export const ReferenceBatchSchema = Type.Object(
  { items: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_REFERENCE_BATCH_ITEMS }) },
  { additionalProperties: false },
);

export const ReferenceItemResultSchema = Type.Object({
  index: Type.Integer(),
  /** The sheet row (1-based) of an item read from a CSV/XLSX import. */
  row: Type.Optional(Type.Integer()),
  /** The item's key (procedure code, schedule year) when it could be read. */
  key: NullableString,
  /** stored: a new version; unchanged: the same content is already the version for that date. */
  status: LiteralUnion(['stored', 'unchanged', 'rejected']),
  version: Type.Optional(Type.Integer()),
  errors: Type.Optional(Type.Array(ItemErrorSchema)),
});
export type ReferenceItemResult = Static<typeof ReferenceItemResultSchema>;

export const ReferencePutResponseSchema = Type.Object({
  stored: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(ReferenceItemResultSchema),
});
export type ReferencePutResponse = Static<typeof ReferencePutResponseSchema>;

/** Where a stored reference version came from: 'file:<path>' or the feed source of the API key. */
const StoredVersionProperties = {
  version: Type.Integer(),
  /** epoch ms */
  storedAt: Type.Number(),
  origin: Type.String(),
};

export const StoredProcedureSchema = Type.Object({
  ...ProcedureItemSchema.properties,
  ...StoredVersionProperties,
  /** The version in force now for this code. */
  current: Type.Boolean(),
});
export type StoredProcedure = Static<typeof StoredProcedureSchema>;

/** GET /api/v1/procedures */
export const ProceduresResponseSchema = Type.Object({ asOf: Type.Number(), items: Type.Array(StoredProcedureSchema) });
export type ProceduresResponse = Static<typeof ProceduresResponseSchema>;

const LocalDateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
/** 'YYYY-MM-DD' or an inclusive range 'YYYY-MM-DD..YYYY-MM-DD'. */
const DaySpecSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$' });
const PlacementSchema = Type.Object(
  {
    daysOff: Type.Array(DaySpecSchema, { maxItems: 20 }),
    makeUpWorkingDays: Type.Optional(Type.Array(LocalDateSchema, { maxItems: 10 })),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    source: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/**
 * A year's holiday placements as the government announces them (the domain's OfficialYearSchedule):
 * occasions replace the Labour Code rules for that occasion; extra days off (e.g. 24/11 Culture Day
 * once it is law) are added. Checked further by the domain (`scheduleErrors`).
 */
export const OfficialYearScheduleSchema = Type.Object(
  {
    year: Type.Integer(),
    occasions: Type.Optional(
      Type.Object(
        {
          'new-year': Type.Optional(PlacementSchema),
          tet: Type.Optional(PlacementSchema),
          'hung-kings': Type.Optional(PlacementSchema),
          'reunification-labour': Type.Optional(PlacementSchema),
          'national-day': Type.Optional(PlacementSchema),
        },
        { additionalProperties: false },
      ),
    ),
    extraDaysOff: Type.Optional(
      Type.Array(
        Type.Object(
          {
            days: Type.Array(DaySpecSchema, { minItems: 1, maxItems: 20 }),
            name: LabelSchema,
            makeUpWorkingDays: Type.Optional(Type.Array(LocalDateSchema, { maxItems: 10 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    source: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type OfficialYearScheduleInput = Static<typeof OfficialYearScheduleSchema>;

/** Where a dossier's due date comes from: its appointment date (NgayHenTra) or the procedure's legal time. */
export const DueSourceSchema = Type.Union([Type.Literal('appointment'), Type.Literal('legal_time')]);
export type DueSource = Static<typeof DueSourceSchema>;

/** GET /api/v1/calendar/schedules: the working-day schedules in force, by where they come from. */
export const SchedulesResponseSchema = Type.Object({
  /** The placements built into this release, each citing its decision. */
  builtIn: Type.Array(OfficialYearScheduleSchema),
  /** IOC_HOLIDAY_SCHEDULES_FILE. */
  file: Type.Array(OfficialYearScheduleSchema),
  /** Uploaded through the API: the latest version of each year, which wins over the file and the built-in table. */
  uploaded: Type.Array(Type.Object({ ...OfficialYearScheduleSchema.properties, ...StoredVersionProperties })),
});
export type SchedulesResponse = Static<typeof SchedulesResponseSchema>;
