import { Type, type Static } from 'typebox';

/** Every 4xx answer of the API has this shape. */
export const ApiErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String({ description: 'machine-readable code, e.g. invalid_json, unauthorized, body_too_large' }),
  message: Type.String(),
  details: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        reason: Type.String(),
        message: Type.String(),
        /** unit_not_valid_at: the codes in force at the data's date that absorbed the unit. */
        successors: Type.Optional(Type.Array(Type.String())),
      }),
    ),
  ),
});
export type ApiError = Static<typeof ApiErrorSchema>;
