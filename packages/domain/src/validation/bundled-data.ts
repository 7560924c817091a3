import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Reads a JSON data file shipped with the code (a station list, an indicator catalogue) through its
 * schema: the data is typed by the schema, and a file that does not match it stops the process at
 * start with every place that is wrong, instead of a wrong value travelling on.
 */
export function bundledData<S extends TSchema>(schema: S, json: unknown, file: string): Static<S> {
  if (Value.Check(schema, json)) return json;
  const problems = [...Value.Errors(schema, json)].slice(0, 20).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  throw new Error(`the bundled data file ${file} does not match its schema: ${problems.join('; ')}`);
}
