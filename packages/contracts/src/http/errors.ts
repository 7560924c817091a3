import { Type, type Static } from 'typebox';

/**
 * Every 4xx (and 5xx) answer of the API has this shape; a few add what a client needs to act on
 * the error (the limit of a query that is too large, the unknown area), hence further properties.
 */
export const ApiErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'machine-readable code, e.g. invalid_json, unauthorized, body_too_large' }),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          reason: Type.String(),
          message: Type.String(),
          /** The index of the item the detail is about (a scene of a wall playlist), when the body is a list. */
          item: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
          /** unit_not_valid_at: the codes in force at the data's date that absorbed the unit. */
          successors: Type.Optional(Type.Array(Type.String())),
        }),
      ),
    ),
  },
  { additionalProperties: true },
);
export type ApiError = Static<typeof ApiErrorSchema>;
