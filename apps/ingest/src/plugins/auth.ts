import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function presentedKey(req: FastifyRequest): string | null {
  const h = req.headers['x-api-key'];
  if (typeof h === 'string' && h) return h;
  const a = req.headers.authorization;
  if (typeof a === 'string' && a.startsWith('Bearer ')) return a.slice(7);
  return null;
}

/** Feed sources authenticate with an API key each; the key decides the stored `source`. */
export function feedAuth(apiKeys: Map<string, string>) {
  const bySha = new Map<string, string>();
  for (const [source, key] of apiKeys) bySha.set(digest(key).toString('hex'), source);
  return async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    const key = presentedKey(req);
    const source = key ? bySha.get(digest(key).toString('hex')) : undefined;
    if (!source) {
      return reply.code(401).send({
        statusCode: 401,
        error: 'unauthorized',
        message: key ? 'the API key is not valid' : 'send the API key in the x-api-key header',
      });
    }
    req.source = source;
  };
}

/** Viewers present IOC_VIEWER_TOKEN when it is set (Authorization: Bearer, or ?access_token=). */
export function viewerAuth(token: string | null) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    if (!token) return;
    const q = (req.query as { access_token?: unknown } | undefined)?.access_token;
    const presented = presentedKey(req) ?? (typeof q === 'string' ? q : null);
    if (!presented || !tokenMatches(presented, token))
      return reply.code(401).send({ statusCode: 401, error: 'unauthorized', message: 'a viewer token is required' });
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    source: string;
  }
}
