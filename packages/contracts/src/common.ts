import { Type, type TSchema } from 'typebox';

/**
 * Schema fragments that many contracts share: one definition each, so that the same thing is
 * written (and documented in /openapi.json) the same way everywhere. Schemas only, no logic.
 */

/** A value or null: JSON has no undefined, so an answer says null for "none (yet)". */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const NullableNumber = Nullable(Type.Number());
export const NullableString = Nullable(Type.String());
