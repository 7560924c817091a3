import type { FastifyRequest } from 'fastify';
import type { FeedGrant } from '@cityioc/contracts';
import { grantError, grantIsOpen, type GrantSubject } from '@cityioc/domain';
import type { ItemCheck } from '../pipeline/ingest.service.ts';
import { httpError } from '../plugins/errors.ts';

/**
 * A feed key's grant applied to each item (issue 11 #3): an item outside it is rejected with
 * `outside_grant` naming the part (station, unit, agency) while the rest of the batch is judged
 * item by item; the endpoint itself is checked by the access hook (403 outside_grant).
 */
export function withGrant<T>(
  check: (item: unknown) => ItemCheck<T>,
  grant: FeedGrant | null,
  subjectOf: (value: T) => GrantSubject,
  ancestorsAndSelf: (code: string) => readonly string[],
): (item: unknown) => ItemCheck<T> {
  if (!grant || grantIsOpen(grant)) return check;
  return (item) => {
    const c = check(item);
    if (!c.ok) return c;
    const e = grantError(grant, subjectOf(c.value), ancestorsAndSelf);
    return e ? { ok: false, id: c.id, errors: [e] } : c;
  };
}

/** A request about one unit (a report, a review): 403 outside_grant when the key may not write it. */
export function checkGrantedUnit(req: FastifyRequest, unit: string, field: string): void {
  const g = req.grant;
  if (!g || grantIsOpen(g)) return;
  const e = grantError(g, { unit }, req.server.ioc.index.ancestorsAndSelf);
  if (e) throw httpError(403, 'outside_grant', e.message, [{ ...e, field }]);
}
