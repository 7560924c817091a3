import { Type, type Static } from 'typebox';
import { ItemCountFields, NullableString, ReasonFields } from '../common.ts';

/** The answer to an NGSI-LD / NGSI v2 notification: one result per entity, in order. */
export const NgsiEntityResultSchema = Type.Object({
  index: Type.Integer(),
  id: NullableString,
  type: NullableString,
  station: NullableString,
  /** attributes stored (or already stored: duplicate), with the observation id */
  accepted: Type.Array(
    Type.Object({
      attribute: Type.String(),
      indicator: Type.String(),
      observationId: Type.String(),
      status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate')]),
    }),
  ),
  /** attributes refused, with the reason */
  rejected: Type.Array(Type.Object({ attribute: Type.String(), ...ReasonFields })),
  /** attributes that look like measurements but have no indicator in the catalogue */
  ignored: Type.Array(Type.String()),
  /**
   * what was repaired or is worth a look: no_time_zone, interval_end, coordinates_swapped, location_outside_city,
   * location_ignored, location_far_from_station, station_by_location, attribute_not_in_model
   */
  flags: Type.Array(Type.Object({ code: Type.String(), attribute: Type.Optional(Type.String()), message: Type.String() })),
});
export type NgsiEntityResult = Static<typeof NgsiEntityResultSchema>;

export const NgsiNotifyResponseSchema = Type.Object({
  /** attribute counts over the whole notification */
  ...ItemCountFields,
  entities: Type.Array(NgsiEntityResultSchema),
});
export type NgsiNotifyResponse = Static<typeof NgsiNotifyResponseSchema>;
