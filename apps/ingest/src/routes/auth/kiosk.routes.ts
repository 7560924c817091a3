import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiErrorSchema } from '@cityioc/contracts';
import { PUBLIC } from '../../plugins/access.ts';
import { setSessionCookie } from './cookies.ts';

const REFUSED_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Liên kết không hợp lệ — Invalid link</title></head>
<body style="font-family:sans-serif;background:#0b1220;color:#e5e7eb;padding:3rem">
<h1>Liên kết màn hình không hợp lệ hoặc đã bị thu hồi</h1>
<p>Đề nghị quản trị viên tạo liên kết mới cho màn hình này.</p>
<p lang="en">This screen's link is not valid or was revoked. Ask an administrator for a new one.</p>
</body></html>`;

/**
 * A wall screen's link: GET /kiosk/<token> opens a device session (the device's scope, read-only)
 * and goes to the wall (/). An unknown or revoked link: 401 (a page for a browser, JSON otherwise);
 * guessing links is a failed authentication like any other (429 once the address spent its budget).
 */
export const kioskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const refused = {
    description: 'The link is not valid (401) or too many failed attempts (429)',
    content: { 'application/json': { schema: ApiErrorSchema }, 'text/html': { schema: Type.String() } },
  };
  const { access } = app.ioc;
  app.get(
    '/kiosk/:token',
    {
      config: { access: PUBLIC },
      schema: {
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 256 }) }),
        // a browser asking for a page gets the refusal as a page, any other client as JSON
        response: { 302: { type: 'null', description: 'To the wall, with the device session cookie' }, 401: refused, 429: refused },
      },
    },
    async (req, reply) => {
      const r = await access.devices.signIn(req.params.token, req.ip);
      if (r.ok) {
        setSessionCookie(req, reply, r.token, 'device');
        return reply.redirect('/', 302);
      }
      const status = r.retryAfterSec === null ? 401 : 429;
      if (r.retryAfterSec !== null) reply.header('retry-after', String(r.retryAfterSec));
      if ((req.headers.accept ?? '').includes('text/html')) return reply.code(status).type('text/html; charset=utf-8').send(REFUSED_PAGE);
      return reply
        .code(status)
        .send(
          status === 401
            ? { statusCode: 401, error: 'invalid_kiosk_link', message: 'this kiosk link is not valid or was revoked' }
            : { statusCode: 429, error: 'too_many_failures', message: `too many failed attempts: wait ${r.retryAfterSec} s` },
        );
    },
  );
};
