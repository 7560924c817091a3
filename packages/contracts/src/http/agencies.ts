import { Type, type Static } from 'typebox';

/**
 * GET /api/v1/agencies?at=YYYY-MM-DD: the agency catalogue (who handles dossiers and reports)
 * as it stood that day, today's by default. Screens and exports show agencies by name; the code
 * (the electronic identifier of Decision 20/2020/QĐ-TTg) is secondary text.
 */
export const AgenciesQuerySchema = Type.Object(
  { at: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })) },
  { additionalProperties: false },
);

export const AgencyDtoSchema = Type.Object({
  code: Type.String(),
  name: Type.Object({ vi: Type.String(), en: Type.String() }),
  level: Type.Union([Type.Literal('PROVINCE'), Type.Literal('DISTRICT'), Type.Literal('COMMUNE')]),
  /** GSO code of the unit its dossiers belong to when an event names none. */
  adminUnitCode: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validTo: Type.Union([Type.String(), Type.Null()]),
});
export type AgencyDto = Static<typeof AgencyDtoSchema>;

export const AgenciesResponseSchema = Type.Object({ at: Type.String(), agencies: Type.Array(AgencyDtoSchema) });
export type AgenciesResponse = Static<typeof AgenciesResponseSchema>;
