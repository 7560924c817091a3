import {
  ADMIN_UNIT_CODE_PATTERN,
  AGENCY_CODE_PATTERN,
  DOSSIER_STATUSES,
  FEED_ID_MAX_LENGTH,
  FEED_ID_PATTERN,
  PLAIN_TEXT_PATTERN,
  PROCEDURE_CODE_PATTERN,
  type DossierChannel,
  type DossierEvent,
  type DossierFee,
  type DossierStatus,
  type DossierSupplement,
  type ItemError,
  type OnlinePayment,
} from '@cityioc/contracts';
import { dossierEventRuleErrors, formatVnRfc3339, parsePortalDate } from '@cityioc/domain';

const procedureCodeRe = new RegExp(PROCEDURE_CODE_PATTERN);
const agencyCodeRe = new RegExp(AGENCY_CODE_PATTERN);
const adminUnitRe = new RegExp(ADMIN_UNIT_CODE_PATTERN);
const feedIdRe = new RegExp(FEED_ID_PATTERN);
const plainTextRe = new RegExp(PLAIN_TEXT_PATTERN, 'u');
/** As many supplements and fees as a canonical event may carry. */
const MAX_LIST = 50;

// ─── The national portal's sync payload ──────────────────────────────────────────────────────

/** True when a payload uses the national portal's field names (MaHoSo …) rather than ours. */
export function isPortalDossierPayload(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'MaHoSo' in x;
}

export interface PortalMappingContext {
  /**
   * Idempotency key. By default `<MaHoSo>#<status>@<statusAt>#<fingerprint>`: the same snapshot
   * sent again gets the same id, a snapshot that changed gets a new one.
   */
  eventId?: string;
  /** When the payload carries no date for its status (e.g. 4 'in process'), the status time the caller knows. */
  statusAt?: string;
  /** The handling agency when the payload has no MaCoQuan (e.g. the feed is one agency's). */
  agencyCode?: string;
  /** GSO unit to attribute the dossier to; otherwise the payload's own `adminUnitCode`, otherwise `resolveAdminUnit(agencyCode)`. */
  adminUnitCode?: string;
  /**
   * The unit of an agency at a time (the agency catalogue): a GSO code, or undefined when the
   * agency is unknown then (the event is refused with `unknown_agency` naming the code).
   */
  resolveAdminUnit?: (agencyCode: string, atMs: number) => string | undefined;
}

export type PortalMappingResult = { ok: true; event: DossierEvent; warnings: ItemError[] } | { ok: false; errors: ItemError[]; warnings: ItemError[] };

/** Portal name of each canonical date field, for error paths. */
const PORTAL_NAMES: Record<string, string> = {
  submittedAt: 'NgayNopHoSo',
  receivedAt: 'NgayTiepNhan',
  dueAt: 'NgayHenTra',
  finishedAt: 'NgayKetThucXuLy',
  returnedAt: 'NgayTra',
  rejectedAt: 'NgayTuChoi',
  supplements: 'DanhSachHoSoBoSung',
  requestedAt: 'NgayBoSung',
  completedAt: 'NgayTiepNhanBoSung',
  statusAt: 'statusAt',
};

/** The payload date that tells when the dossier entered each status, where the portal has one. */
const STATUS_DATE_FIELD: Partial<Record<DossierStatus, string>> = {
  1: 'NgayNopHoSo',
  2: 'NgayTiepNhan',
  3: 'NgayTuChoi',
  8: 'NgayTuChoi',
  9: 'NgayKetThucXuLy',
  10: 'NgayTra',
};

/** 64-bit FNV-1a of a string (as two 32-bit halves), hex: a fingerprint for idempotency keys, not a security hash. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b + (a >>> 7)) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** `<MaHoSo>:<status>@<local yyyyMMddHHmmss>:<fingerprint>`, the code shortened to its own fingerprint when the whole would pass 128 characters. */
function defaultEventId(dossierCode: string, status: number, statusAt: string, print: string): string {
  const tail = `:${status}@${statusAt.slice(0, 19).replace(/\D/g, '')}:${print}`;
  const code = dossierCode.length + tail.length <= FEED_ID_MAX_LENGTH ? dossierCode : `h${fingerprint(dossierCode)}`;
  return code + tail;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Maps one dossier as the national portal's sync API describes it (BRIEF §2.3: MaHoSo, MaTTHC,
 * KenhThucHien, TrangThaiHoSo, NgayTiepNhan, NgayHenTra, DanhSachHoSoBoSung, TaiLieuNop, …) to a
 * canonical event. Pure. Each problem is reported on its own, with the portal's field name:
 * malformed dates and codes, unknown status, channel or payment values, NgayHenTra before
 * NgayTiepNhan. Dates without a zone are read as +07:00 and reported as warnings. Fields the IOC
 * does not use — including all personal data (ChuHoSo, SoDienThoai, Email, DinhDanhCHS …) — are
 * dropped.
 */
export function dossierEventFromPortal(payload: unknown, ctx: PortalMappingContext = {}): PortalMappingResult {
  const errors: ItemError[] = [];
  const warnings: ItemError[] = [];
  if (!isRecord(payload)) return { ok: false, errors: [{ field: '', reason: 'type', message: 'a dossier must be a JSON object' }], warnings };
  const p = payload;
  const err = (field: string, reason: string, message: string) => errors.push({ field: `/${field}`, reason, message });

  const date = (field: string, value: unknown, endOfDay = false): string | undefined => {
    const d = parsePortalDate(value);
    if (d === null) return undefined;
    if (!d.ok) {
      err(field, 'date_format', `${field}: ${d.message}`);
      return undefined;
    }
    if (d.dateOnly) {
      // An appointment given as a bare date is due by the end of that day (Civil Code: a period ends at 24:00 of its last day).
      const ms = endOfDay ? d.ms + 86_399_000 : d.ms;
      warnings.push({ field: `/${field}`, reason: 'date_only', message: `${field} has no time of day; read as ${endOfDay ? '23:59:59' : '00:00:00'} +07:00` });
      return formatVnRfc3339(ms);
    }
    if (d.assumedZone)
      warnings.push({ field: `/${field}`, reason: 'assumed_timezone', message: `${field} has no UTC offset; read as Asia/Ho_Chi_Minh (+07:00)` });
    return d.rfc3339;
  };
  const text = (field: string, value: unknown, max: number): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
    if (typeof value !== 'string') {
      err(field, 'type', `${field} must be a string`);
      return undefined;
    }
    const v = value.trim();
    if (v.length > max) {
      err(field, 'too_long', `${field} is longer than ${max} characters`);
      return undefined;
    }
    if (!plainTextRe.test(v)) {
      err(field, 'pattern', `${field} holds control characters or broken Unicode`);
      return undefined;
    }
    return v === '' ? undefined : v;
  };
  const flag = (field: string, value: unknown): boolean | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (value === 1 || value === '1' || value === true || value === 'true') return true;
    if (value === 0 || value === '0' || value === false || value === 'false') return false;
    err(field, 'flag', `${field} must be 0 or 1, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const small = (field: string, value: unknown): number | null | undefined => {
    if (value === undefined || value === null || value === '') return null;
    const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isInteger(n)) return n;
    err(field, 'type', `${field} must be an integer, got ${JSON.stringify(value)}`);
    return undefined;
  };
  const list = (field: string, max = Infinity): Record<string, unknown>[] => {
    const v = p[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      err(field, 'type', `${field} must be an array`);
      return [];
    }
    if (v.length > max) {
      err(field, 'too_many', `${field} has ${v.length} entries; at most ${max}`);
      return [];
    }
    return v.flatMap((item, i) => {
      if (isRecord(item)) return [item];
      err(`${field}/${i}`, 'type', `${field}[${i}] must be an object`);
      return [];
    });
  };

  // Identity and codes.
  const dossierCode = text('MaHoSo', p.MaHoSo, FEED_ID_MAX_LENGTH);
  if (dossierCode === undefined) {
    if (!errors.some((e) => e.field === '/MaHoSo')) err('MaHoSo', 'required', 'MaHoSo is required');
  } else if (!feedIdRe.test(dossierCode))
    err('MaHoSo', 'pattern', 'MaHoSo may hold letters, digits and . _ : @ / - only, starting with a letter or digit, without spaces or ../');

  const procedureCode = text('MaTTHC', p.MaTTHC, 64);
  if (procedureCode === undefined) {
    if (!errors.some((e) => e.field === '/MaTTHC')) err('MaTTHC', 'required', 'MaTTHC is required');
  } else if (!procedureCodeRe.test(procedureCode))
    err('MaTTHC', 'pattern', `MaTTHC '${procedureCode}' is not a national procedure code (d.dddddd, e.g. 1.000494)`);

  const fieldCode = text('MaLinhVuc', p.MaLinhVuc, 64);
  const processingUnit = text('DonViXuLy', p.DonViXuLy, 256);
  const agencyField = p.MaCoQuan !== undefined ? 'MaCoQuan' : ctx.agencyCode !== undefined ? 'agencyCode' : 'DonViXuLy';
  const agencyCode = text('MaCoQuan', p.MaCoQuan, 64) ?? ctx.agencyCode ?? (processingUnit && agencyCodeRe.test(processingUnit) ? processingUnit : undefined);
  if (agencyCode === undefined) err('MaCoQuan', 'required', 'the handling agency code is required (MaCoQuan, or DonViXuLy holding a code like 000.00.01.H13)');
  else if (!agencyCodeRe.test(agencyCode)) err(agencyField, 'pattern', `agency code '${agencyCode}' does not look like xxx.yy.zz.Hnn`);

  const ownUnit = text('adminUnitCode', p.adminUnitCode, 5);

  // Enumerations.
  const channelRaw = small('KenhThucHien', p.KenhThucHien);
  let channel: DossierChannel | undefined;
  if (channelRaw === null)
    channel = 1; // the portal leaves the channel empty for in-person dossiers
  else if (channelRaw === 1 || channelRaw === 2 || channelRaw === 3) channel = channelRaw;
  else if (channelRaw !== undefined) err('KenhThucHien', 'unknown_channel', `KenhThucHien ${channelRaw} is not 1 (in person), 2 (online) or 3 (postal)`);

  const statusRaw = small('TrangThaiHoSo', p.TrangThaiHoSo);
  let status: DossierStatus | undefined;
  if (statusRaw === null) err('TrangThaiHoSo', 'required', 'TrangThaiHoSo is required');
  else if (statusRaw !== undefined) {
    if ((DOSSIER_STATUSES as readonly number[]).includes(statusRaw)) status = statusRaw as DossierStatus;
    else err('TrangThaiHoSo', 'unknown_status', `TrangThaiHoSo ${statusRaw} is not a known status (1–10)`);
  }

  const payRaw = small('DuocThanhToanTrucTuyen', p.DuocThanhToanTrucTuyen);
  let onlinePayment: OnlinePayment | undefined;
  if (payRaw === null) onlinePayment = undefined;
  else if (payRaw === 0 || payRaw === 1 || payRaw === 2) onlinePayment = payRaw;
  else if (payRaw !== undefined) err('DuocThanhToanTrucTuyen', 'unknown_payment', `DuocThanhToanTrucTuyen ${payRaw} is not 0, 1 (DVCQG) or 2 (own gateway)`);

  // Dates.
  const submittedAt = date('NgayNopHoSo', p.NgayNopHoSo);
  const receivedAt = date('NgayTiepNhan', p.NgayTiepNhan);
  const dueAt = date('NgayHenTra', p.NgayHenTra, true);
  const finishedAt = date('NgayKetThucXuLy', p.NgayKetThucXuLy);
  const returnedAt = date('NgayTra', p.NgayTra);
  const rejectedAt = date('NgayTuChoi', p.NgayTuChoi);

  const supplements: DossierSupplement[] = [];
  list('DanhSachHoSoBoSung', MAX_LIST).forEach((s, i) => {
    const f = (name: string) => `DanhSachHoSoBoSung/${i}/${name}`;
    const requestedAt = date(f('NgayBoSung'), s.NgayBoSung);
    const completedAt = date(f('NgayTiepNhanBoSung'), s.NgayTiepNhanBoSung);
    const dueBefore = date(f('NgayHenTraTruoc'), s.NgayHenTraTruoc, true);
    const dueAfter = date(f('NgayHenTraMoi'), s.NgayHenTraMoi, true);
    if (requestedAt === undefined) {
      if (!errors.some((e) => e.field === `/${f('NgayBoSung')}`)) err(f('NgayBoSung'), 'required', 'a supplement request needs NgayBoSung');
      return;
    }
    supplements.push({ requestedAt, ...(completedAt ? { completedAt } : {}), ...(dueBefore ? { dueBefore } : {}), ...(dueAfter ? { dueAfter } : {}) });
  });

  const docs = list('TaiLieuNop');
  const anyDoc = (key: string) => {
    let seen = false;
    let any = false;
    docs.forEach((d, i) => {
      const v = flag(`TaiLieuNop/${i}/${key}`, d[key]);
      if (v !== undefined) seen = true;
      if (v) any = true;
    });
    return seen ? any : undefined;
  };
  const hasDigitisedComponent = flag('HoSoCoThanhPhanSoHoa', p.HoSoCoThanhPhanSoHoa);
  const docsDigitised = anyDoc('DuocSoHoa');
  const digitized = hasDigitisedComponent === undefined && docsDigitised === undefined ? undefined : Boolean(hasDigitisedComponent || docsDigitised);
  const reusedDigitizedData = anyDoc('DuocTaiSuDung');
  const personalStorage = anyDoc('DuocLayTuKhoDMQG');

  const fees: DossierFee[] = [];
  list('DanhSachLePhi', MAX_LIST).forEach((fee, i) => {
    const code = text(`DanhSachLePhi/${i}/MaPhiLePhi`, fee.MaPhiLePhi, 64) ?? `#${i}`;
    const name = text(`DanhSachLePhi/${i}/TenPhiLePhi`, fee.TenPhiLePhi, 512);
    const raw = fee.Gia;
    const amount =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)
          ? Number(raw)
          : raw === undefined || raw === null || raw === ''
            ? 0
            : NaN;
    if (!Number.isFinite(amount) || amount < 0) err(`DanhSachLePhi/${i}/Gia`, 'amount', `Gia must be a non-negative amount in VND, got ${JSON.stringify(raw)}`);
    else fees.push({ code, ...(name ? { name } : {}), amountVnd: amount });
  });
  const feeList = p.DanhSachLePhi === undefined || p.DanhSachLePhi === null ? undefined : fees;

  const results = list('DanhSachGiayToKetQua');
  const resultUrl = results
    .map((r, i) => (r.DuongDanTepTinKetQua === undefined ? undefined : text(`DanhSachGiayToKetQua/${i}/DuongDanTepTinKetQua`, r.DuongDanTepTinKetQua, 2048)))
    .find((u) => u !== undefined);
  const eResult = p.DanhSachGiayToKetQua === undefined || p.DanhSachGiayToKetQua === null ? undefined : resultUrl !== undefined;
  const vneidVerified = flag('TaiKhoanDuocXacThucVoiVNeID', p.TaiKhoanDuocXacThucVoiVNeID);
  // DSKetNoiCSDL lists the national databases the dossier drew on (766 4.5: the population database)
  const populationData = p.DSKetNoiCSDL === undefined || p.DSKetNoiCSDL === null ? undefined : list('DSKetNoiCSDL', MAX_LIST).length > 0;

  // When the dossier entered its status: the caller's word, else the status's own date, else the last step of the processing trail.
  let statusAt: string | undefined;
  if (ctx.statusAt !== undefined) statusAt = date('statusAt', ctx.statusAt);
  else if (status !== undefined) {
    const field = STATUS_DATE_FIELD[status];
    if (field !== undefined)
      statusAt = { NgayNopHoSo: submittedAt, NgayTiepNhan: receivedAt, NgayTuChoi: rejectedAt, NgayKetThucXuLy: finishedAt, NgayTra: returnedAt }[field];
    if (statusAt === undefined && status === 5 && supplements.length > 0)
      statusAt = supplements
        .map((s) => s.requestedAt)
        .sort((a, b) => Date.parse(a) - Date.parse(b))
        .at(-1);
    if (statusAt === undefined) {
      const trail = list('tienTrinhDongBo')
        .map((t, i) => date(`tienTrinhDongBo/${i}/ThoiDiemXuLy`, t.ThoiDiemXuLy))
        .filter((x): x is string => x !== undefined);
      statusAt = trail.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
    }
    if (statusAt === undefined && !errors.some((e) => e.field.startsWith(`/${field ?? '-'}`)))
      err(field ?? 'statusAt', 'required', `no date says when the dossier entered status ${status}${field ? ` (${field})` : ''}; send it, or statusAt`);
  }

  // The unit: the caller's, the payload's own, else the agency's in the catalogue on the day the dossier was received.
  const at = [receivedAt, submittedAt, statusAt].find((d) => d !== undefined);
  let adminUnitCode = ctx.adminUnitCode ?? ownUnit;
  if (adminUnitCode === undefined && agencyCode !== undefined && ctx.resolveAdminUnit && at !== undefined && agencyCodeRe.test(agencyCode)) {
    adminUnitCode = ctx.resolveAdminUnit(agencyCode, Date.parse(at));
    if (adminUnitCode === undefined)
      err(agencyField, 'unknown_agency', `agency '${agencyCode}' is not in the agency catalogue on ${at.slice(0, 10)}; send adminUnitCode, or add the agency`);
  } else if (adminUnitCode === undefined && !errors.some((e) => e.field === `/${agencyField}`))
    err('adminUnitCode', 'required', 'the administrative unit (GSO code) of the agency is unknown');
  if (adminUnitCode !== undefined && !adminUnitRe.test(adminUnitCode))
    err('adminUnitCode', 'pattern', `'${adminUnitCode}' is not a GSO code of 2, 3 or 5 digits`);

  if (errors.length > 0) return { ok: false, errors, warnings };
  const event: DossierEvent = {
    eventId: '',
    dossierCode: dossierCode!,
    procedureCode: procedureCode!,
    ...(fieldCode ? { fieldCode } : {}),
    agencyCode: agencyCode!,
    adminUnitCode: adminUnitCode!,
    ...(processingUnit ? { processingUnit } : {}),
    channel: channel!,
    status: status!,
    statusAt: statusAt!,
    ...(submittedAt ? { submittedAt } : {}),
    ...(receivedAt ? { receivedAt } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(returnedAt ? { returnedAt } : {}),
    ...(rejectedAt ? { rejectedAt } : {}),
    ...(p.DanhSachHoSoBoSung !== undefined && p.DanhSachHoSoBoSung !== null ? { supplements } : {}),
    ...(feeList ? { fees: feeList, feeBearing: feeList.some((f) => f.amountVnd > 0) } : {}),
    ...(onlinePayment !== undefined ? { onlinePayment } : {}),
    ...(digitized !== undefined ? { digitized } : {}),
    ...(reusedDigitizedData !== undefined ? { reusedDigitizedData } : {}),
    ...(personalStorage !== undefined ? { personalStorage } : {}),
    ...(eResult !== undefined ? { eResult } : {}),
    ...(resultUrl ? { eResultUrl: resultUrl } : {}),
    ...(vneidVerified !== undefined ? { vneidVerified } : {}),
    ...(populationData !== undefined ? { populationData } : {}),
  };
  // The default id names the status change and fingerprints what the snapshot says, so a retry of
  // the same snapshot is a duplicate while a re-sync that adds something (a payment, a result) is not.
  // It is a feed id like any other ('000.00.01.H13-250123-0042:9@20250203150000:<16 hex>').
  event.eventId = ctx.eventId ?? defaultEventId(dossierCode!, status!, statusAt!, fingerprint(JSON.stringify(event)));
  const ruleErrors = dossierEventRuleErrors(event, PORTAL_NAMES);
  if (ruleErrors.length > 0) return { ok: false, errors: ruleErrors, warnings };
  return { ok: true, event, warnings };
}
