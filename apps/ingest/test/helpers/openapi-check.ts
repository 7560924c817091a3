import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isDeepStrictEqual } from 'node:util';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** `/api/v1/alerts/:id` → `/api/v1/alerts/{id}`, as @fastify/swagger writes paths. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
/** A JSON pointer token. */
const token = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/**
 * Checks every answer of a test app against the OpenAPI document the app serves
 * (GET /openapi.json): the status must be documented for the operation (exactly, or its class
 * such as 4XX), the media type must be one the document lists, and a JSON body must validate
 * against the documented schema (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses). Requests that no
 * documented operation answers (the dashboard's files, the docs themselves, unknown URLs) are not
 * checked. Returns the problems found since the last call of `take`.
 */
export function openApiChecker(app: FastifyInstance): {
  preSerialization: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
  onSend: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
  take(): string[];
} {
  const problems: string[] = [];
  /** What each handler returned, before the response schema serialized it. */
  const returned = new WeakMap<FastifyRequest, string>();
  let doc: Document | null = null;
  let ajv: Ajv2020 | null = null;
  const validators = new Map<string, ValidateFunction>();

  const check = (req: FastifyRequest, reply: FastifyReply, payload: unknown): string | null => {
    const route = req.routeOptions.url;
    if (!route) return null;
    if (!doc) {
      doc = app.swagger() as Document;
      ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema(doc, 'openapi');
    }
    const path = openapiPath(route);
    const method = req.method.toLowerCase();
    const op = doc.paths[path]?.[method];
    if (!op) return null; // hidden from the document (dashboard files, bench ceilings, the docs)
    const status = String(reply.statusCode);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => op.responses?.[k]);
    const what = `${req.method} ${path} → ${status}`;
    if (!key) return `${what}: the status is not in the OpenAPI document`;
    if (status === '204' || status === '304') return null; // HTTP sends no body with these, whatever the handler gave
    const documented = op.responses![key]!.content;
    // an answer the document gives no body (204, 302, 304, 416) must send none
    if (!documented) return isEmpty(payload) ? null : `${what}: a body was sent where the document describes none`;
    const type = mediaType(String(reply.getHeader('content-type') ?? 'application/json'));
    const content = documented;
    if (!content[type]) return `${what}: ${type} is not among the documented media types (${Object.keys(content).join(', ') || 'none'})`;
    if (!(type === 'application/json' || type.endsWith('+json')) || typeof payload !== 'string') return null; // files and streams: the media type is what can be checked
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return `${what}: the body is not JSON`;
    }
    const ref = `openapi#/paths/${token(path)}/${method}/responses/${token(key)}/content/${token(type)}/schema`;
    let validate = validators.get(ref);
    if (!validate) {
      validate = ajv!.getSchema(ref);
      if (!validate) return `${what}: no schema at ${ref}`;
      validators.set(ref, validate);
    }
    if (!validate(body))
      return `${what}: the body does not match the document: ${ajv!.errorsText(validate.errors, { separator: '; ' })} — body ${payload.slice(0, 300)}`;
    // the response schema also serializes: a field it does not declare would be dropped silently
    const before = returned.get(req);
    if (before !== undefined && !isDeepStrictEqual(JSON.parse(before), body))
      return `${what}: serializing by the response schema changed the body: ${firstDifference(JSON.parse(before), body)}`;
    return null;
  };

  return {
    async preSerialization(req, _reply, payload) {
      if (payload !== null && typeof payload === 'object') returned.set(req, JSON.stringify(payload));
      return payload;
    },
    async onSend(req, reply, payload) {
      const problem = check(req, reply, payload);
      if (problem) problems.push(problem);
      return payload;
    },
    take: () => problems.splice(0),
  };
}

const isEmpty = (payload: unknown) => payload === undefined || payload === null || payload === '' || (Buffer.isBuffer(payload) && payload.length === 0);

/** Where two JSON values first differ, as a path and the two values. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[k];
      const y = (b as Record<string, unknown>)[k];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, `${path}/${k}`);
    }
  }
  return `${path || '/'}: returned ${JSON.stringify(a)?.slice(0, 120)}, sent ${JSON.stringify(b)?.slice(0, 120)}`;
}
