import { DossierEventSchema, type DossierEvent } from '@cityioc/contracts';
import {
  areaCodeError,
  dossierEventRuleErrors,
  implausibleDates,
  localDateOf,
  type AgencyIndex,
  type CatalogueIndex,
  type DateBounds,
  type DateField,
} from '@cityioc/domain';
import type { ItemCheck } from '../../pipeline/ingest.service.ts';
import { compileItemCheck } from '../../pipeline/item-validator.ts';
import { dossierEventFromPortal, isPortalDossierPayload } from './portal-mapper.ts';

const checkCanonical = compileItemCheck<DossierEvent>(DossierEventSchema as object);

export interface DossierCheckContext {
  index: CatalogueIndex;
  agencies: AgencyIndex;
  bounds: DateBounds;
  now: number;
}

const obj = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x.slice(0, 1000) : []);

/**
 * Where the dates of an event are, in order: its own fields, then the fields of each item of its lists. The `due` dates
 * (appointments) lie ahead; the others happened.
 */
interface DatePlaces {
  fields: readonly string[];
  lists: Readonly<Record<string, readonly string[]>>;
  due: readonly string[];
}

/** In our names. */
const CANONICAL_DATES: DatePlaces = {
  fields: ['statusAt', 'submittedAt', 'receivedAt', 'dueAt', 'finishedAt', 'returnedAt', 'rejectedAt'],
  lists: { supplements: ['requestedAt', 'completedAt', 'dueBefore', 'dueAfter'] },
  due: ['dueAt', 'dueBefore', 'dueAfter'],
};

/** In the national portal's names. */
const PORTAL_DATES: DatePlaces = {
  fields: ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'],
  lists: { DanhSachHoSoBoSung: ['NgayBoSung', 'NgayTiepNhanBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi'], tienTrinhDongBo: ['ThoiDiemXuLy'] },
  due: ['NgayHenTra', 'NgayHenTraTruoc', 'NgayHenTraMoi'],
};

function datesOf(e: Record<string, unknown>, places: DatePlaces): DateField[] {
  const kind = (field: string): DateField['kind'] => (places.due.includes(field) ? 'due' : 'event');
  return [
    ...places.fields.map((f) => ({ path: `/${f}`, value: e[f], kind: kind(f) })),
    ...Object.entries(places.lists).flatMap(([list, fields]) =>
      arr(e[list]).flatMap((x, i) => fields.map((f) => ({ path: `/${list}/${i}/${f}`, value: obj(x)[f], kind: kind(f) }))),
    ),
  ];
}

/**
 * One dossier event, in our names or the national portal's (MaHoSo, TrangThaiHoSo, NgayHenTra …).
 * First the plausibility of every date (its reason wins), then the schema or the portal mapping
 * (whose agency — MaCoQuan — gives the unit through the agency catalogue when the payload names
 * none), the cross-field rules, and a unit the area registry knows on the reception date (422
 * unit_not_valid_at with its successors for a code that ended before it).
 */
export function checkDossierEvent(item: unknown, ctx: DossierCheckContext): ItemCheck<DossierEvent> {
  const portal = isPortalDossierPayload(item);
  const raw = obj(item);
  const claimed = portal ? raw.MaHoSo : raw.eventId;
  const id = typeof claimed === 'string' ? claimed : null;
  const implausible = implausibleDates(datesOf(raw, portal ? PORTAL_DATES : CANONICAL_DATES), ctx.now, ctx.bounds);
  if (implausible.length > 0) return { ok: false, id, errors: implausible };
  let event: DossierEvent;
  if (portal) {
    const mapped = dossierEventFromPortal(item, { resolveAdminUnit: (code, at) => ctx.agencies.get(code, at)?.adminUnitCode });
    if (!mapped.ok) return { ok: false, id, errors: mapped.errors };
    event = mapped.event;
  } else {
    const shape = checkCanonical(item);
    if (!shape.ok) return { ok: false, id, errors: shape.errors };
    const rules = dossierEventRuleErrors(shape.value);
    if (rules.length > 0) return { ok: false, id, errors: rules };
    event = shape.value;
  }
  // the unit as it was on the day the dossier was received (old codes before a reform, today's after it)
  const day = localDateOf(Date.parse(event.receivedAt ?? event.submittedAt ?? event.statusAt));
  const unitError = areaCodeError('/adminUnitCode', event.adminUnitCode, day, ctx.index.checkCodeAt(event.adminUnitCode, day), 'administrative unit');
  if (unitError) return { ok: false, id: event.eventId, errors: [unitError] };
  return { ok: true, id: event.eventId, value: event };
}
