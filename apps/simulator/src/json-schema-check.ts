/**
 * Test support: checks a value against the part of JSON Schema the contracts' TypeBox schemas
 * are made of (type, const, anyOf, pattern, lengths, bounds, required, properties,
 * additionalProperties: false, items), so tests can hold what the simulator sends to the
 * contract itself without a validator dependency. `format` is not checked (the patterns are).
 */
export interface JsonSchema {
  type?: string;
  const?: unknown;
  anyOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
}

const patterns = new Map<string, RegExp>();

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      throw new Error(`schema type '${type}' is not supported`);
  }
}

/** The reasons `value` does not match `schema`, as 'path: reason' strings; empty when it matches. */
export function schemaErrors(schema: JsonSchema, value: unknown, path = ''): string[] {
  const at = path || '/';
  if (schema.anyOf) return schema.anyOf.some((s) => schemaErrors(s, value, path).length === 0) ? [] : [`${at}: matches none of the alternatives`];
  if (schema.type !== undefined && !typeOk(schema.type, value)) return [`${at}: not of type ${schema.type}`];
  if ('const' in schema && value !== schema.const) return [`${at}: is not ${JSON.stringify(schema.const)}`];
  const errors: string[] = [];
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined) {
      let re = patterns.get(schema.pattern);
      if (!re) patterns.set(schema.pattern, (re = new RegExp(schema.pattern, 'u')));
      if (!re.test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => errors.push(...schemaErrors(schema.items!, v, `${path}/${i}`)));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in o)) errors.push(`${path}/${k}: required`);
    for (const [k, v] of Object.entries(o)) {
      const sub = schema.properties?.[k];
      if (sub) errors.push(...schemaErrors(sub, v, `${path}/${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}/${k}: not allowed`);
    }
  }
  return errors;
}
