import { Type, type Static, type TObject, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * How every environment variable is read: one TypeBox schema per owner (the core configuration in
 * env.ts, each connector its own), validated as a whole so that a start with several bad variables
 * names each of them, with what was expected, in one message.
 */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('; '));
    this.problems = list;
  }
}

/** The text after "expected" in a problem, carried by each variable's schema. */
interface Expect {
  expected: string;
  /** The value is not repeated in the message (passwords, tokens, URLs with credentials). */
  secret?: boolean;
}

/** An integer variable with a default and bounds. */
export const envInt = (dflt: number, min: number, max: number) =>
  Type.Integer({ minimum: min, maximum: max, default: dflt, expected: `an integer in [${min}, ${max}]` });

/** A string variable that must match a pattern (`what` says it in words); a secret one is not echoed in errors. */
export const envString = (pattern: string, what: string, secret = false) =>
  Type.Optional(Type.String({ pattern, expected: what, ...(secret ? { secret } : {}) }));

/** Any text (no check), absent when unset. */
export const envText = () => Type.Optional(Type.String());

const anyCase = (word: string) => [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('');
const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** true/false, yes/no, on/off, 1/0 in any case. */
export const envBool = (dflt: boolean) =>
  Type.String({ pattern: `^(${[...TRUE, ...FALSE].map(anyCase).join('|')})$`, default: dflt ? 'true' : 'false', expected: 'true/false' });
export const isTrue = (v: string) => TRUE.includes(v.toLowerCase());

/** One of a few words, in any case. */
export const envOneOf = (words: readonly string[], dflt?: string) =>
  Type.String({ pattern: `^(${words.map(anyCase).join('|')})$`, ...(dflt ? { default: dflt } : {}), expected: words.join(' or ') });

/** An object schema of variables; unknown variables are the rest of the environment. */
export const envSchema = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: true });

/**
 * Reads the variables of `schema` from `env`: an empty value counts as unset (the default
 * applies), numbers are converted, and every variable that breaks its schema is one problem
 * "NAME=value: expected …".
 */
export function checkEnv<S extends TObject>(schema: S, env: NodeJS.ProcessEnv): { values: Static<S>; problems: string[] } {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.properties)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[name] = v;
  }
  const values = Value.Convert(schema, Value.Default(schema, { ...raw })) as Record<string, unknown>;
  const problems = new Map<string, string>();
  for (const e of Value.Errors(schema, values)) {
    const name = e.instancePath.split('/')[1];
    if (!name || problems.has(name)) continue;
    const prop = schema.properties[name] as TSchema & Partial<Expect>;
    problems.set(name, `${name}=${prop.secret ? '(hidden)' : (raw[name] ?? '')}: expected ${prop.expected ?? e.message}`);
  }
  return { values: values as Static<S>, problems: [...problems.values()] };
}
