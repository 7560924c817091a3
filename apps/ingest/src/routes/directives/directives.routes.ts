import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DirectiveAttachmentSchema,
  DirectiveBoardResponseSchema,
  DirectiveCommandResponseSchema,
  DirectiveListResponseSchema,
  DirectiveSchema,
  DirectiveViewSchema,
  DirectiveDecisionBodySchema,
  DirectiveIssueBodySchema,
  DirectiveListQuerySchema,
  DirectiveReportBodySchema,
  FeedIdSchema,
  PLAIN_TEXT_PATTERN,
} from '@cityioc/contracts';
import { Type } from 'typebox';
import { ATTACHMENT_UPLOAD_MIMES, contentDisposition } from '../../directives/attachments.ts';
import type { DirectiveResult } from '../../directives/directive.service.ts';
import { LEADER, OPERATOR, READ } from '../../plugins/access.ts';
import { fieldError, httpError } from '../../plugins/errors.ts';
import { actorOf, operatorOf } from '../../procedures/operator-scope.ts';
import { readerCovering } from '../scope.ts';

const IdParams = Type.Object({ id: FeedIdSchema });
const AttachmentParams = Type.Object({ id: FeedIdSchema, attachmentId: FeedIdSchema });
const UploadQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: PLAIN_TEXT_PATTERN })),
  },
  { additionalProperties: false },
);

function unwrap<T>(r: DirectiveResult<T>): T {
  if (r.ok) return r.value;
  throw httpError(r.status, r.reason, r.message, r.field ? [{ field: r.field, reason: r.reason, message: r.message }] : undefined);
}

/**
 * The leader's follow-up loop (contracts http/directives.ts has the shapes):
 *   POST /directives (leader), GET /directives, /directives/board, /directives/:id (read; an
 *   operator's token limits them to their scope), POST /directives/:id/attachments and /reports
 *   (operator), POST /directives/:id/accept and /return (leader). Attachments are served as
 *   downloads only: their detected type, nosniff, Content-Disposition: attachment, a sandbox CSP.
 */
export const directiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { directives, index, agencies, clock, config } = app.ioc;
  const readAsOperator = { access: READ };

  // raw attachment bodies, only inside this plugin; any other Content-Type is 415
  app.addContentTypeParser(ATTACHMENT_UPLOAD_MIMES, { parseAs: 'buffer', bodyLimit: config.attachmentMaxBytes }, (_req, body, done) => done(null, body));

  app.post(
    '/api/v1/directives',
    { config: { access: LEADER }, schema: { body: DirectiveIssueBodySchema, response: { 201: DirectiveSchema } } },
    async (req, reply) => {
      const d = unwrap(await directives.issue(req.body, actorOf(req.principal!, agencies), clock()));
      await app.ioc.audit.recordRequest(req, { action: 'directive.issue', target: d.id, details: { units: d.assignments.map((a) => a.unit) } });
      return reply.code(201).send(d);
    },
  );

  app.get(
    '/api/v1/directives',
    { config: readAsOperator, schema: { querystring: DirectiveListQuerySchema, response: { 200: DirectiveListResponseSchema } } },
    async (req) => {
      const q = req.query;
      if (q.unit !== undefined && !index.area(q.unit) && !agencies.get(q.unit))
        throw fieldError(404, 'unknown_unit', '/unit', `unit '${q.unit}' is neither an area nor an agency of the catalogues`);
      const op = readerCovering(req.principal, agencies, '/unit', q.unit, 'unit');
      const now = clock();
      const list = await directives.list({ unit: q.unit, status: q.status?.split(','), limit: q.limit ?? 200 }, op, now);
      return { serverTime: now, directives: list };
    },
  );

  app.get('/api/v1/directives/board', { config: readAsOperator, schema: { response: { 200: DirectiveBoardResponseSchema } } }, async (req) =>
    directives.board(clock(), operatorOf(req.principal, agencies)),
  );

  app.get('/api/v1/directives/:id', { config: readAsOperator, schema: { params: IdParams, response: { 200: DirectiveViewSchema } } }, async (req) => {
    const d = await directives.get(req.params.id, operatorOf(req.principal, agencies));
    if (!d) throw fieldError(404, 'unknown_directive', '/id', `no directive '${req.params.id}'${operatorOf(req.principal, agencies) ? ' in your scope' : ''}`);
    return directives.view(d, clock());
  });

  app.post(
    '/api/v1/directives/:id/attachments',
    {
      config: { access: OPERATOR },
      bodyLimit: config.attachmentMaxBytes,
      schema: { params: IdParams, querystring: UploadQuery, response: { 201: DirectiveAttachmentSchema } },
    },
    async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body))
        throw httpError(415, 'unsupported_media_type', 'send the file as the raw body (Content-Type application/octet-stream or its own type)');
      const a = unwrap(await directives.upload(req.params.id, req.query.unit, req.query.filename, body, actorOf(req.principal!, agencies), clock()));
      await app.ioc.audit.recordRequest(req, {
        action: 'directive.attach',
        target: req.params.id,
        unit: a.unit,
        details: { attachment: a.id, name: a.name, type: a.type, size: a.size },
      });
      return reply.code(201).send(a);
    },
  );

  // the file as uploaded, in the type found from its first bytes
  const attachmentFile = {
    200: {
      description: 'The attachment (Content-Disposition: attachment)',
      content: Object.fromEntries(
        DirectiveAttachmentSchema.properties.type.anyOf.map((t) => [t.const, { schema: { type: 'string', contentEncoding: 'binary' } }]),
      ),
    },
  };
  app.get(
    '/api/v1/directives/:id/attachments/:attachmentId',
    { config: readAsOperator, schema: { params: AttachmentParams, response: attachmentFile } },
    async (req, reply) => {
      const got = await directives.attachment(req.params.id, req.params.attachmentId, operatorOf(req.principal, agencies));
      if (!got) throw fieldError(404, 'unknown_attachment', '/attachmentId', `no attachment '${req.params.attachmentId}' on directive '${req.params.id}'`);
      return reply
        .header('content-type', got.attachment.type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('content-disposition', contentDisposition(got.attachment.name))
        .header('cache-control', 'private, no-store')
        .send(got.data);
    },
  );

  app.post(
    '/api/v1/directives/:id/reports',
    { config: { access: OPERATOR }, schema: { params: IdParams, body: DirectiveReportBodySchema, response: { 200: DirectiveCommandResponseSchema } } },
    async (req) => {
      const directive = unwrap(await directives.report(req.params.id, req.body, actorOf(req.principal!, agencies), clock()));
      await app.ioc.audit.recordRequest(req, { action: 'directive.report', target: directive.id, details: { done: req.body.done } });
      return { directive };
    },
  );

  for (const action of ['accept', 'return'] as const)
    app.post(
      `/api/v1/directives/:id/${action}`,
      { config: { access: LEADER }, schema: { params: IdParams, body: DirectiveDecisionBodySchema, response: { 200: DirectiveCommandResponseSchema } } },
      async (req) => {
        const directive = unwrap(await directives.decide(req.params.id, action, req.body, actorOf(req.principal!, agencies), clock()));
        await app.ioc.audit.recordRequest(req, { action: `directive.${action}`, target: directive.id, unit: req.body.unit });
        return { directive };
      },
    );
};
