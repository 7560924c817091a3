import { Type, type Static } from 'typebox';
import { ItemErrorSchema } from './observation.ts';

/**
 * Every 4xx (and 5xx) answer of the API has this shape; a few add what a client needs to act on
 * the error (the limit of a query that is too large, the unknown area), hence further properties.
 */
export const ApiErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String({ description: 'machine-readable code, e.g. invalid_json, unauthorized, body_too_large' }),
    message: Type.String(),
    /** Which item, which field, why (as a feed's item errors); `item`: the index of the item the detail is about, when the body is a list (a scene of a wall playlist). */
    details: Type.Optional(Type.Array(Type.Object({ ...ItemErrorSchema.properties, item: Type.Optional(Type.Union([Type.Integer(), Type.Null()])) }))),
  },
  { additionalProperties: true },
);
export type ApiError = Static<typeof ApiErrorSchema>;
