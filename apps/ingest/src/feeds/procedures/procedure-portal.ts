import type { ItemError, LegalTimeUnit, MandatoryComponent, OnlineLevel, ProcedureLevel } from '@cityioc/contracts';
import { foldText, localDateOf, parsePortalDate, parseViNumber } from '@cityioc/domain';

/**
 * A procedure (TTHC) in the national portal's names, mapped to our catalogue item. The portal's
 * catalogue (`…/reporting/formalities`) names `id, code, name, state, departmentId,
 * appliedDepartmentIds`; the national TTHC database and the departments' spreadsheets name the rest
 * in Vietnamese (MaTTHC, TenTTHC, ThoiHanGiaiQuyet, DonViTinh …). Pure; each problem is reported
 * with the portal's field name. Department ids must be agency codes of the agency catalogue.
 */
export function isPortalProcedure(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return 'MaTTHC' in o || 'TenTTHC' in o || 'departmentId' in o || 'appliedDepartmentIds' in o || typeof o.name === 'string';
}

const UNIT_WORDS: [string, LegalTimeUnit][] = [
  ['ngay lam viec', 'working_days'],
  ['working days', 'working_days'],
  ['working_days', 'working_days'],
  ['ngay', 'days'],
  ['days', 'days'],
  ['gio', 'hours'],
  ['gio lam viec', 'hours'],
  ['hours', 'hours'],
  ['thang', 'months'],
  ['months', 'months'],
];
const LEVEL_WORDS: [string, OnlineLevel | 'none'][] = [
  ['toan trinh', 'full'],
  ['full', 'full'],
  ['muc do 4', 'full'],
  ['4', 'full'],
  ['mot phan', 'partial'],
  ['partial', 'partial'],
  ['muc do 3', 'partial'],
  ['3', 'partial'],
  ['khong', 'none'],
  ['none', 'none'],
  ['muc do 2', 'none'],
  ['2', 'none'],
  ['1', 'none'],
];
const TIER_WORDS: [string, ProcedureLevel][] = [
  ['cap tinh', 'PROVINCE'],
  ['tinh', 'PROVINCE'],
  ['province', 'PROVINCE'],
  ['cap huyen', 'DISTRICT'],
  ['huyen', 'DISTRICT'],
  ['district', 'DISTRICT'],
  ['cap xa', 'COMMUNE'],
  ['xa', 'COMMUNE'],
  ['commune', 'COMMUNE'],
];
const COMPONENT_WORDS: [string, MandatoryComponent][] = [
  ['ten', 'name'],
  ['ten thu tuc', 'name'],
  ['trinh tu', 'sequence'],
  ['trinh tu thuc hien', 'sequence'],
  ['cach thuc', 'method'],
  ['cach thuc thuc hien', 'method'],
  ['thanh phan ho so', 'dossier_components'],
  ['ho so', 'dossier_components'],
  ['thoi han', 'processing_time'],
  ['thoi han giai quyet', 'processing_time'],
  ['doi tuong', 'applicant_type'],
  ['doi tuong thuc hien', 'applicant_type'],
  ['co quan', 'implementing_agency'],
  ['co quan thuc hien', 'implementing_agency'],
];
const TRUE_WORDS = new Set(['1', 'true', 'co', 'yes', 'x']);
const FALSE_WORDS = new Set(['0', 'false', 'khong', 'no', '']);

/** The first value present among the names (portal English, then Vietnamese), with the name it came under. */
function pick(p: Record<string, unknown>, ...names: string[]): { name: string; value: unknown } | null {
  for (const n of names) if (p[n] !== undefined && p[n] !== null && p[n] !== '') return { name: n, value: p[n] };
  return null;
}

/** A list in one cell or field: an array, or text separated by ',', ';', '|' or new lines. */
function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string')
    return v
      .split(/[,;|\n]/)
      .map((x) => x.trim())
      .filter((x) => x !== '');
  return [v];
}

function lookup<T>(words: readonly [string, T][], raw: unknown): T | undefined {
  const f = foldText(String(raw));
  return words.find(([w]) => w === f)?.[1];
}

/** Maps one portal-named item to a canonical item (still to be checked by the schema); errors name the portal's fields. */
export function procedureFromPortal(p: Record<string, unknown>): { ok: true; item: Record<string, unknown> } | { ok: false; errors: ItemError[] } {
  const errors: ItemError[] = [];
  const err = (field: string, reason: string, message: string) => errors.push({ field: `/${field}`, reason, message });
  const text = (f: { name: string; value: unknown } | null): string | undefined => {
    if (f === null) return undefined;
    if (typeof f.value === 'number') return String(f.value);
    if (typeof f.value === 'string') return f.value.trim();
    err(f.name, 'type', `${f.name} must be text`);
    return undefined;
  };
  const flag = (f: { name: string; value: unknown } | null): boolean | undefined => {
    if (f === null) return undefined;
    if (typeof f.value === 'boolean') return f.value;
    const w = foldText(String(f.value));
    if (TRUE_WORDS.has(w)) return true;
    if (FALSE_WORDS.has(w)) return false;
    const n = typeof f.value === 'number' ? f.value : parseViNumber(String(f.value));
    if (typeof n === 'number') return n > 0;
    if (n.ok) return n.value > 0; // a fee amount
    err(f.name, 'flag', `${f.name} must be yes/no (Có/Không, 1/0), got ${JSON.stringify(f.value)}`);
    return undefined;
  };
  const date = (f: { name: string; value: unknown } | null): string | undefined => {
    if (f === null) return undefined;
    const d = parsePortalDate(typeof f.value === 'number' ? String(f.value) : f.value);
    if (d === null || !d.ok) {
      err(f.name, 'date_format', `${f.name} ${JSON.stringify(f.value)} is not a date (dd/mm/yyyy or yyyy-mm-dd)`);
      return undefined;
    }
    return localDateOf(d.ms);
  };

  const item: Record<string, unknown> = {};
  const code = text(pick(p, 'MaTTHC', 'code'));
  if (code === undefined) err('MaTTHC', 'required', 'the procedure code (MaTTHC or code) is required');
  else item.code = code;
  const nameVi = text(pick(p, 'TenTTHC', 'name'));
  if (nameVi === undefined) err('TenTTHC', 'required', 'the procedure name (TenTTHC or name) is required');
  const nameEn = text(pick(p, 'TenTiengAnh', 'nameEn'));
  item.name = { ...(nameVi !== undefined ? { vi: nameVi } : {}), ...(nameEn !== undefined ? { en: nameEn } : {}) };

  const time = pick(p, 'ThoiHanGiaiQuyet', 'processingTime');
  const unitRaw = pick(p, 'DonViTinh', 'processingTimeUnit');
  let value: number | undefined;
  if (time === null) err('ThoiHanGiaiQuyet', 'required', 'the legal processing time (ThoiHanGiaiQuyet) is required');
  else if (typeof time.value === 'number') value = time.value;
  else {
    const n = parseViNumber(String(time.value));
    if (n.ok) value = n.value;
    else err(time.name, n.reason, `${time.name}: ${n.message}`);
  }
  const unit = unitRaw === null ? undefined : lookup(UNIT_WORDS, unitRaw.value);
  if (unitRaw === null) err('DonViTinh', 'required', 'the unit of the processing time (DonViTinh: Ngày làm việc, Ngày, Giờ, Tháng) is required');
  else if (unit === undefined) err(unitRaw.name, 'unknown_unit', `${unitRaw.name} '${String(unitRaw.value)}' is not Ngày làm việc, Ngày, Giờ or Tháng`);
  if (value !== undefined && unit !== undefined) item.legalTime = { value, unit };

  const fee = flag(pick(p, 'CoPhiLePhi', 'feeBearing', 'PhiLePhi'));
  item.feeBearing = fee ?? false;

  const levelRaw = pick(p, 'MucDoDVC', 'onlineLevel', 'onlineService');
  const levels: (OnlineLevel | 'none')[] = [];
  for (const x of levelRaw === null ? [] : listOf(levelRaw.value)) {
    const l = lookup(LEVEL_WORDS, x);
    if (l === undefined) err(levelRaw!.name, 'unknown_level', `${levelRaw!.name} '${String(x)}' is not Toàn trình, Một phần or Không`);
    else levels.push(l);
  }
  const online = levels.filter((l): l is OnlineLevel => l !== 'none');
  item.onlineService = online.includes('full') ? 'full' : online.includes('partial') ? 'partial' : 'none';
  if (online.length > 0) item.onlineLevels = [...new Set(online)];

  const decidedOn = date(pick(p, 'NgayQuyetDinh', 'NgayBanHanh', 'decidedOn'));
  const validFrom = date(pick(p, 'HieuLucTu', 'validFrom')) ?? decidedOn;
  if (validFrom === undefined && !errors.some((e) => e.reason === 'date_format'))
    err('HieuLucTu', 'required', 'the date this version applies from (HieuLucTu, or the decision date NgayQuyetDinh) is required');
  else if (validFrom !== undefined) item.validFrom = validFrom;
  const decision = text(pick(p, 'SoQuyetDinh', 'QuyetDinhCongBo', 'decision'));
  const effective = date(pick(p, 'NgayHieuLuc', 'NgayHieuLucCanCu', 'legalBasisEffectiveOn'));
  const publicOn = date(pick(p, 'NgayCongKhai', 'publicOn'));
  if (decision !== undefined || decidedOn !== undefined) {
    if (decision === undefined) err('SoQuyetDinh', 'required', 'a publication needs the decision number (SoQuyetDinh)');
    else if (decidedOn === undefined) err('NgayQuyetDinh', 'required', 'a publication needs the decision date (NgayQuyetDinh)');
    else item.publication = { decision, decidedOn, ...(effective ? { legalBasisEffectiveOn: effective } : {}), ...(publicOn ? { publicOn } : {}) };
  }

  const agencies = [pick(p, 'departmentId'), pick(p, 'appliedDepartmentIds'), pick(p, 'CoQuanThucHien', 'MaCoQuan', 'agencies')]
    .flatMap((f) => (f === null ? [] : listOf(f.value)))
    .map(String);
  if (agencies.length > 0) item.agencies = [...new Set(agencies)];
  const units = pick(p, 'DonViApDung', 'units');
  if (units) item.units = [...new Set(listOf(units.value).map(String))];
  const tiers = pick(p, 'CapThucHien', 'levels');
  if (tiers) {
    const out: ProcedureLevel[] = [];
    for (const x of listOf(tiers.value)) {
      const t = lookup(TIER_WORDS, x);
      if (t === undefined) err(tiers.name, 'unknown_level', `${tiers.name} '${String(x)}' is not Cấp tỉnh, Cấp huyện or Cấp xã`);
      else out.push(t);
    }
    if (out.length > 0) item.levels = [...new Set(out)];
  }
  const full = flag(pick(p, 'DayDuNoiDung'));
  const missing = pick(p, 'ThanhPhanConThieu', 'missingComponents');
  if (missing) {
    const out: MandatoryComponent[] = [];
    for (const x of listOf(missing.value)) {
      const c = lookup(COMPONENT_WORDS, x) ?? (typeof x === 'string' && COMPONENT_WORDS.some(([, v]) => v === x) ? (x as MandatoryComponent) : undefined);
      if (c === undefined) err(missing.name, 'unknown_component', `${missing.name} '${String(x)}' is not a mandatory component (Decree 63/2010 Art. 8)`);
      else out.push(c);
    }
    item.missingComponents = [...new Set(out)];
  } else if (full !== undefined) item.missingComponents = full ? [] : undefined;
  if (item.missingComponents === undefined) delete item.missingComponents;

  const paper = flag(pick(p, 'KetQuaBanGiay', 'YeuCauKetQuaGiay', 'paperResult'));
  if (paper !== undefined) item.paperResult = paper;
  const who = pick(p, 'DoiTuongThucHien', 'applicants');
  if (who) {
    const kinds = new Set<string>();
    for (const x of listOf(who.value)) {
      const f = foldText(String(x));
      if (/cong dan|ca nhan|citizen/.test(f)) kinds.add('citizen');
      else if (/to chuc|doanh nghiep|organisation/.test(f)) kinds.add('organisation');
      else err(who.name, 'unknown_applicant', `${who.name} '${String(x)}' is not Công dân/Cá nhân or Tổ chức/Doanh nghiệp`);
    }
    if (kinds.size > 0) item.applicants = [...kinds];
  }
  const cert = flag(pick(p, 'ChungThuc', 'certifiedCopy'));
  if (cert !== undefined) item.certifiedCopy = cert;
  const id = pick(p, 'id', 'portalId');
  if (id) item.portalId = String(id.value);
  const state = text(pick(p, 'state', 'TrangThai'));
  if (state !== undefined) item.state = state;
  const source = text(pick(p, 'NguonDuLieu', 'source'));
  if (source !== undefined) item.source = source;
  const illustrative = flag(pick(p, 'MinhHoa', 'illustrative'));
  if (illustrative !== undefined) item.illustrative = illustrative;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, item };
}
