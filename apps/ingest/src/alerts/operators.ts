import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Operator } from './alert.service.ts';

/**
 * Operators act on alerts with their own API token (IOC_OPERATOR_TOKENS, a JSON array of
 * {token, name, unit, scopes}). An operator sees and acts only on alerts whose area lies in
 * one of their scopes. Tokens are compared by SHA-256 digest.
 */
export interface OperatorEntry extends Operator {
  token: string;
}

export class OperatorConfigError extends Error {}

/** The demo's operator for the whole city; its scope is the registry's root (parseOperators fills it in). */
export const DEMO_OPERATOR: OperatorEntry = {
  token: 'demo-operator-token',
  name: 'Trực ban IOC (demo)',
  unit: 'Trung tâm IOC Cần Thơ',
  scopes: [],
};

export function parseOperators(raw: string | undefined, knownArea: (code: string) => boolean): OperatorEntry[] {
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch (e) {
    throw new OperatorConfigError(`IOC_OPERATOR_TOKENS: not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(list)) throw new OperatorConfigError('IOC_OPERATOR_TOKENS: expected a JSON array of {token, name, unit, scopes}');
  return list.map((o: Partial<OperatorEntry>, i) => {
    const at = `IOC_OPERATOR_TOKENS[${i}]`;
    if (typeof o?.token !== 'string' || o.token.length < 16) throw new OperatorConfigError(`${at}: token must have at least 16 characters`);
    if (typeof o.name !== 'string' || !o.name.trim()) throw new OperatorConfigError(`${at}: name is required`);
    if (typeof o.unit !== 'string' || !o.unit.trim()) throw new OperatorConfigError(`${at}: unit is required`);
    if (!Array.isArray(o.scopes) || o.scopes.length === 0 || !o.scopes.every((s) => typeof s === 'string' && knownArea(s)))
      throw new OperatorConfigError(`${at}: scopes must be a non-empty array of known area codes`);
    return { token: o.token, name: o.name.trim(), unit: o.unit.trim(), scopes: o.scopes };
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

function presented(req: FastifyRequest): string | null {
  const h = req.headers['x-operator-token'];
  if (typeof h === 'string' && h) return h;
  const a = req.headers.authorization;
  if (typeof a === 'string' && a.startsWith('Bearer ')) return a.slice(7);
  return null;
}

/** Resolves the operator of a request, or null when it carries no operator token. */
export function operatorResolver(entries: readonly OperatorEntry[]) {
  const bySha = new Map(entries.map((e) => [digest(e.token), { name: e.name, unit: e.unit, scopes: e.scopes } satisfies Operator]));
  return (req: FastifyRequest): Operator | null => {
    const t = presented(req);
    return t ? (bySha.get(digest(t)) ?? null) : null;
  };
}

/** preHandler: only operators pass; sets req.operator. */
export function operatorAuth(resolve: (req: FastifyRequest) => Operator | null) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply) {
    const op = resolve(req);
    if (!op)
      return reply
        .code(401)
        .send({ statusCode: 401, error: 'unauthorized', message: 'an operator token is required (x-operator-token or Authorization: Bearer)' });
    req.operator = op;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    operator: Operator | null;
  }
}
