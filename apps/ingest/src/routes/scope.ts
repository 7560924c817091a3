import type { FastifyRequest } from 'fastify';
import type { AgencyIndex, ScopeFilter } from '@cityioc/domain';
import type { Principal } from '../access/principal.ts';
import { operatorOf, type Operator } from '../procedures/operator-scope.ts';
import { fieldError, httpError } from '../plugins/errors.ts';

/**
 * The scope of a request's caller. Routes that declare read, export, operator or admin always have
 * a principal (the access hook sets it or refuses the request).
 */
export function scopeOf(req: FastifyRequest): ScopeFilter {
  const p = req.principal;
  if (!p) throw httpError(500, 'internal', 'no caller on a route that requires one');
  return p.scope;
}

/**
 * The API's one code for "outside the caller's scope" (403): an area, unit or agency the caller names lies outside
 * what they may see or act on. (Until this pass the generic scope checks answered `outside_scope`: the same meaning.)
 */
export const OUT_OF_SCOPE = 'out_of_scope';

/** 403 out_of_scope, its one detail naming the field. */
export const outOfScopeError = (field: string, message: string) => fieldError(403, OUT_OF_SCOPE, field, message);

/**
 * The reader as an operator (operatorOf: null for the whole city) of a read that may name a unit
 * (an area or an agency) in `field`: 403 out_of_scope when that unit lies outside their scope.
 * `what` names the unit in the message ('unit', 'area').
 */
export function readerCovering(p: Principal | null | undefined, agencies: AgencyIndex, field: string, code: string | undefined, what: string): Operator | null {
  const op = operatorOf(p, agencies);
  if (op && code !== undefined && !op.covers(code)) throw outOfScopeError(field, `${what} '${code}' is outside the scope of ${op.name}`);
  return op;
}

/** 403 when an area the caller names lies outside their scope (area codes are not secret: what they hold is). */
export function outsideScope(p: Principal, area: string, field = '/scope'): void {
  if (!p.scope.area(area)) throw outOfScopeError(field, `${area} is outside your scope`);
}

/** The caller's default area for a read that names none: the city for the whole city, else their one area unit (or 400 asking to name one). */
export function defaultArea(p: Principal, city: string, areaUnits: readonly string[] | null, field = '/scope'): string {
  if (p.scope.all || areaUnits === null) return city;
  if (areaUnits.length === 1) return areaUnits[0]!;
  const message = areaUnits.length === 0 ? 'your scope holds no area' : `name one of your areas: ${areaUnits.join(', ')}`;
  throw httpError(areaUnits.length === 0 ? 403 : 400, areaUnits.length === 0 ? OUT_OF_SCOPE : 'scope_required', message, [
    { field, reason: 'scope_required', message },
  ]);
}
