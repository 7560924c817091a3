import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiError } from '@cityioc/contracts';
import { isStoreUnavailable, STORE_RETRY_AFTER_S } from '../store/unavailable.ts';

export type ErrorDetail = NonNullable<ApiError['details']>[number];

/**
 * An answer other than success, thrown from a handler or a hook: the one error handler turns it
 * into the body every 4xx of the API has, `{statusCode, error, message, details?}`. `extra` adds
 * fields a client needs to act on the error (e.g. the limit of a query that is too large).
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  body(): ApiError & Record<string, unknown> {
    return { statusCode: this.statusCode, error: this.code, message: this.message, ...(this.details ? { details: [...this.details] } : {}), ...this.extra };
  }
}

/** The one error constructor of the routes: `throw httpError(404, 'unknown_scope', "scope '99' …", [{ field: '/scope', … }])`. */
export function httpError(statusCode: number, code: string, message: string, details?: readonly ErrorDetail[], extra?: Record<string, unknown>): HttpError {
  return new HttpError(statusCode, code, message, details, extra);
}

/** The same error with one detail naming the field (reason = the code): the usual shape of a refused parameter. */
export function fieldError(statusCode: number, code: string, field: string, message: string): HttpError {
  return new HttpError(statusCode, code, message, [{ field, reason: code, message }]);
}

export function notFoundError(req: FastifyRequest, hint = ''): HttpError {
  return new HttpError(404, 'not_found', `${req.method} ${req.url} does not exist${hint}`);
}

/** Fastify's own errors (body parsing, schema validation, rate limit) in the API's error shape. */
function fromFastify(error: FastifyError, req: FastifyRequest): HttpError | null {
  const code = error.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return httpError(413, 'body_too_large', `the body exceeds the limit for ${req.url}`);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return httpError(415, 'unsupported_media_type', `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted here`);
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return httpError(400, 'empty_body', error.message);
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return httpError(400, 'invalid_json', `the body is not valid JSON: ${error.message}`);
  if (error.validation) {
    const details = error.validation.map((v) => {
      const missing = (v.params as { missingProperty?: string }).missingProperty;
      const field = missing ? `${v.instancePath}/${missing}` : v.instancePath;
      return { field, reason: v.keyword, message: `${field || error.validationContext} ${v.message ?? 'is invalid'}` };
    });
    return httpError(400, 'invalid_request', `${error.validationContext} is invalid: ${details.map((d) => d.message).join('; ')}`, details);
  }
  if (error.statusCode === 429) return httpError(429, 'rate_limited', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return httpError(error.statusCode, code ?? 'bad_request', error.message);
  return null;
}

/**
 * The error handler of the whole API: an HttpError as it is, Fastify's errors mapped to precise
 * codes, a database that is away as 503 + Retry-After, anything else logged and answered 500 without internals.
 */
export const errorsPlugin = fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError | HttpError, req, reply) => {
      const known = error instanceof HttpError ? error : fromFastify(error, req);
      if (known) {
        // a 503 that says when to come back (`extra.retryAfterS`) says it in the header too
        if (typeof known.extra.retryAfterS === 'number') reply.header('retry-after', String(known.extra.retryAfterS));
        return reply.code(known.statusCode).send(known.body());
      }
      if (isStoreUnavailable(error)) {
        // the database is away: nothing was stored, nothing is acknowledged; the feed sends it again
        req.log.warn({ err: error }, 'store unavailable: answered 503');
        const away = httpError(503, 'store_unavailable', 'the database is unavailable: nothing was stored; send again after Retry-After seconds');
        return reply.code(503).header('retry-after', String(STORE_RETRY_AFTER_S)).send(away.body());
      }
      req.log.error({ err: error }, 'unhandled error');
      return reply.code(500).send({ statusCode: 500, error: 'internal', message: 'internal error' });
    });
  },
  { name: 'ioc-errors' },
);
