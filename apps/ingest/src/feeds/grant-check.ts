import type { FastifyRequest } from 'fastify';
import type { FeedGrant, ItemError } from '@cityioc/contracts';
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

/** Judges an item that changes a record kept elsewhere: `own` is what the item names, `held` what the record holds. */
export type RecordGrantJudge = (own: GrantSubject, held: GrantSubject | null) => ItemError | null;

/**
 * The grant of feeds whose items change a record kept by the IOC (a PAKN's later steps name no
 * unit; a rating names its dossier): the item is judged on the unit and agency it names, completed
 * by the record's, and on the record's own when the item names others, so a key can neither write
 * into a record of another unit nor move one out of it. Under a grant that limits units or
 * agencies, an item whose unit and agency nobody knows yet is refused too (it could land anywhere).
 * Null when the grant limits nothing.
 */
export function recordGrantJudge(grant: FeedGrant | null, ancestorsAndSelf: (code: string) => readonly string[], what: string): RecordGrantJudge | null {
  if (!grant || grantIsOpen(grant)) return null;
  return (own, held) => {
    const unit = own.unit ?? held?.unit ?? null;
    const agency = own.agency ?? held?.agency ?? null;
    if (unit === null && agency === null && (grant.units !== null || grant.agencies !== null))
      return { field: '/unit', reason: 'outside_grant', message: `this key may write only ${what} of its units or agencies, and this one names neither yet` };
    const e = grantError(grant, { unit, agency }, ancestorsAndSelf);
    if (e || !held) return e;
    const heldUnit = held.unit ?? null;
    const heldAgency = held.agency ?? null;
    return heldUnit !== unit || heldAgency !== agency ? grantError(grant, { unit: heldUnit, agency: heldAgency }, ancestorsAndSelf) : null;
  };
}

/** A request about one unit (a report, a review): 403 outside_grant when the key may not write it. */
export function checkGrantedUnit(req: FastifyRequest, unit: string, field: string): void {
  const g = req.grant;
  if (!g || grantIsOpen(g)) return;
  const e = grantError(g, { unit }, req.server.ioc.index.ancestorsAndSelf);
  if (e) throw httpError(403, 'outside_grant', e.message, [{ ...e, field }]);
}
