import { Type, type Static } from 'typebox';
import { LiteralUnion, Nullable, NullableString } from '../common.ts';
import { AreaCodeSchema } from './area.ts';
import { RegistrySourceSchema } from './area-registry.ts';
import { LabelSchema } from './indicator.ts';

/**
 * The agency catalogue (IOC_AGENCIES_FILE; the default is the domain's Cần Thơ catalogue): who
 * handles dossiers and reports, with names, level, the unit each belongs to and validity. A code
 * may have several versions with disjoint validity (a merger, the 2025 reform).
 *   GET /api/v1/agencies?at=YYYY-MM-DD   AgenciesResponse: the agencies in force that day
 */

const AGENCY_CODE = '^[0-9A-Za-z]{2,4}\\.[0-9A-Za-z]{2,3}\\.[0-9A-Za-z]{2,3}\\.[A-Za-z][0-9]{2}$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const AgencyLevelSchema = LiteralUnion(['PROVINCE', 'DISTRICT', 'COMMUNE']);
export type AgencyLevel = Static<typeof AgencyLevelSchema>;

export const AgencyKindSchema = Type.Union([
  /** Sở, and the bodies at their level (Thanh tra, Văn phòng UBND, ban quản lý) */
  Type.Literal('department'),
  /** Ủy ban nhân dân of a district (before 2025-07-01) or a commune */
  Type.Literal('people-committee'),
  /** A branch or unit under another agency */
  Type.Literal('branch'),
]);
export type AgencyKind = Static<typeof AgencyKindSchema>;

export const AgencySchema = Type.Object(
  {
    /** Electronic identifier 'xxx.yy.zz.Tnn' (QĐ 20/2020/QĐ-TTg). */
    code: Type.String({ pattern: AGENCY_CODE }),
    name: LabelSchema,
    level: AgencyLevelSchema,
    kind: Type.Optional(AgencyKindSchema),
    /** GSO code of the unit its dossiers are attributed to when an event names none (a department: the city). */
    adminUnitCode: AreaCodeSchema,
    /** The agency it belongs to, if any. */
    parent: Type.Optional(Type.String({ pattern: AGENCY_CODE })),
    /** Local dates: in force from validFrom (inclusive) until validTo (exclusive); open when absent. */
    validFrom: Type.Optional(Type.String({ pattern: DATE })),
    validTo: Type.Optional(Type.String({ pattern: DATE })),
    /** For an agency that ended: the agencies that took its work over (a merger). */
    successors: Type.Optional(Type.Array(Type.String({ pattern: AGENCY_CODE }))),
    /** Demo data, not the national register. */
    illustrative: Type.Optional(Type.Boolean()),
    /** Ids of entries in the file's `sources`. */
    sources: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type AgencyEntry = Static<typeof AgencySchema>;

export const AgencyCatalogueFileSchema = Type.Object({
  format: Type.Literal('cityioc-agencies/1'),
  id: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  agencies: Type.Array(AgencySchema, { minItems: 1 }),
  sources: Type.Array(RegistrySourceSchema),
  notes: Type.Optional(Type.Array(Type.String())),
});
export type AgencyCatalogueFile = Static<typeof AgencyCatalogueFileSchema>;

/** One row of GET /api/v1/agencies. */
export const AgencyAtSchema = Type.Object({
  code: Type.String(),
  name: LabelSchema,
  level: AgencyLevelSchema,
  kind: Nullable(AgencyKindSchema),
  adminUnitCode: Type.String(),
  parent: NullableString,
  validFrom: NullableString,
  validTo: NullableString,
});
export type AgencyAt = Static<typeof AgencyAtSchema>;

export const AgenciesResponseSchema = Type.Object({ at: Type.String({ pattern: DATE }), agencies: Type.Array(AgencyAtSchema) });
export type AgenciesResponse = Static<typeof AgenciesResponseSchema>;
