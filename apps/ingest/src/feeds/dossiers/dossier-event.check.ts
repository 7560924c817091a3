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

/** Every date of an event in our names: the status dates happened, the appointments lie ahead. */
function canonicalDates(e: Record<string, unknown>): DateField[] {
  const ev = (path: string, value: unknown): DateField => ({ path, value, kind: 'event' });
  const due = (path: string, value: unknown): DateField => ({ path, value, kind: 'due' });
  return [
    ev('/statusAt', e.statusAt),
    ev('/submittedAt', e.submittedAt),
    ev('/receivedAt', e.receivedAt),
    due('/dueAt', e.dueAt),
    ev('/finishedAt', e.finishedAt),
    ev('/returnedAt', e.returnedAt),
    ev('/rejectedAt', e.rejectedAt),
    ...arr(e.supplements).flatMap((x, i) => {
      const s = obj(x);
      const at = `/supplements/${i}`;
      return [
        ev(`${at}/requestedAt`, s.requestedAt),
        ev(`${at}/completedAt`, s.completedAt),
        due(`${at}/dueBefore`, s.dueBefore),
        due(`${at}/dueAfter`, s.dueAfter),
      ];
    }),
  ];
}

/** The same in the national portal's names. */
function portalDates(p: Record<string, unknown>): DateField[] {
  const ev = (path: string, value: unknown): DateField => ({ path, value, kind: 'event' });
  const due = (path: string, value: unknown): DateField => ({ path, value, kind: 'due' });
  return [
    ev('/NgayNopHoSo', p.NgayNopHoSo),
    ev('/NgayTiepNhan', p.NgayTiepNhan),
    due('/NgayHenTra', p.NgayHenTra),
    ev('/NgayKetThucXuLy', p.NgayKetThucXuLy),
    ev('/NgayTra', p.NgayTra),
    ev('/NgayTuChoi', p.NgayTuChoi),
    ...arr(p.DanhSachHoSoBoSung).flatMap((x, i) => {
      const s = obj(x);
      const at = `/DanhSachHoSoBoSung/${i}`;
      return [
        ev(`${at}/NgayBoSung`, s.NgayBoSung),
        ev(`${at}/NgayTiepNhanBoSung`, s.NgayTiepNhanBoSung),
        due(`${at}/NgayHenTraTruoc`, s.NgayHenTraTruoc),
        due(`${at}/NgayHenTraMoi`, s.NgayHenTraMoi),
      ];
    }),
    ...arr(p.tienTrinhDongBo).map((x, i) => ev(`/tienTrinhDongBo/${i}/ThoiDiemXuLy`, obj(x).ThoiDiemXuLy)),
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
  const implausible = implausibleDates(portal ? portalDates(raw) : canonicalDates(raw), ctx.now, ctx.bounds);
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
