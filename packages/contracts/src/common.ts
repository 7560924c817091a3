import { Type, type TLiteral, type TSchema, type TUnion } from 'typebox';

/**
 * Schema fragments that many contracts share: one definition each, so that the same thing is
 * written (and documented in /openapi.json) the same way everywhere. Schemas only, no logic.
 */

/** A value or null: JSON has no undefined, so an answer says null for "none (yet)". */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const NullableNumber = Nullable(Type.Number());
export const NullableString = Nullable(Type.String());

/**
 * One of a closed list of strings, as the `anyOf` of their `const`s (Type.Union of Type.Literal),
 * from the list itself: `LiteralUnion(PAKN_STEPS)` instead of the list written out again.
 */
export const LiteralUnion = <const T extends readonly string[]>(values: T): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> =>
  Type.Union(values.map((v) => Type.Literal(v))) as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;

/**
 * The same schema under each of `names`, as an object's fields: `FieldsOf(['a', 'b'], Type.Integer())`
 * is `{ a: Type.Integer(), b: Type.Integer() }`. For a list of fields that are all the same thing.
 */
export const FieldsOf = <const K extends readonly string[], S extends TSchema>(names: K, schema: S) =>
  Object.fromEntries(names.map((n) => [n, schema])) as { [P in K[number]]: S };

/** An administrative area as answers name it: its GSO code and its Vietnamese name. */
export const AreaRefFields = { code: Type.String(), name: Type.String() };

/**
 * An indicator's value with its parts: a ratio travels as numerator/denominator (the value is their
 * fraction, null when the denominator is 0) so that it aggregates as Σnumerator/Σdenominator.
 */
export const RatioValueFields = {
  value: NullableNumber,
  numerator: Type.Optional(Type.Number()),
  denominator: Type.Optional(Type.Number()),
};

/** An entry of an append-only log (the audit log, an alert's trail): its position in the log, when (epoch ms) and who acted. */
export const LogEntryFields = { seq: Type.Integer(), at: Type.Integer({ description: 'epoch ms' }), actor: Type.String() };

/** Why something was refused or failed: a machine-readable reason code, and a sentence for people. */
export const ReasonFields = { reason: Type.String(), message: Type.String() };

/** The counts of a feed's items: stored, already stored (a retry: duplicates), refused. */
export const ItemCountFields = {
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
};

/**
 * A watch list of a unit: what is overdue and what falls due within `within` working days.
 * Query: ?area=&agency=&within=&limit=; answer: the two lists of `item`, cut at `limit`.
 */
export const WatchlistQueryFields = {
  area: Type.Optional(Type.String({ pattern: '^[0-9]{2,5}$' })),
  /** Working days ahead that count as soon due (default 2). */
  within: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
};
export const WatchlistResponseOf = <T extends TSchema>(item: T) =>
  Type.Object({
    asOf: Type.Number(),
    area: NullableString,
    agency: NullableString,
    within: Type.Integer(),
    overdue: Type.Array(item),
    dueSoon: Type.Array(item),
    truncated: Type.Boolean(),
  });
