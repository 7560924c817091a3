import { Type, type Static } from 'typebox';
import { Nullable } from '../common.ts';
import { AgencyLevelSchema } from '../catalogue/agency.ts';
import type { Label } from '../catalogue/indicator.ts';
import { FeedIdSchema, PLAIN_TEXT_PATTERN } from './ids.ts';

// ─── Codes ───────────────────────────────────────────────────────────────────────────────────

/** National TTHC database code 'd.dddddd', optionally followed by the locally applied agency suffix ('1.000494.000.00.00.H29'). */
export const PROCEDURE_CODE_PATTERN = '^\\d\\.\\d{6}(\\.[\\w.]+)?$';
/**
 * Agency electronic identifier 'xxx.yy.zz.Tnn' (QĐ 20/2020/QĐ-TTg), e.g. '000.00.01.H13'. Lenient on
 * purpose: vendors use letters in the left groups and the format is only medium-confidence.
 */
export const AGENCY_CODE_PATTERN = '^[0-9A-Za-z]{2,4}\\.[0-9A-Za-z]{2,3}\\.[0-9A-Za-z]{2,3}\\.[A-Za-z][0-9]{2}$';
/** GSO administrative unit: 2 digits province, 3 district (before 2025-07-01), 5 commune. */
export const ADMIN_UNIT_CODE_PATTERN = '^([0-9]{2}|[0-9]{3}|[0-9]{5})$';
/** RFC 3339 with an explicit offset: local times without a zone are ambiguous across systems. */
export const RFC3339_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';

/** TrangThaiHoSo (BRIEF §2.2). */
export const DOSSIER_STATUSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_STATUS_LABELS: Record<DossierStatus, Label> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted, not yet received' },
  2: { vi: 'Được tiếp nhận', en: 'Received' },
  3: { vi: 'Không được tiếp nhận', en: 'Refused at reception' },
  4: { vi: 'Đang xử lý', en: 'In process' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Awaiting fee or tax payment' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processing finished' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** KenhThucHien: 1 in person (also null in portal data), 2 online, 3 public postal service. */
export type DossierChannel = 1 | 2 | 3;
/** DuocThanhToanTrucTuyen: 0 not paid online, 1 via the DVCQG payment platform, 2 via a ministry's or province's own gateway. */
export type OnlinePayment = 0 | 1 | 2;

export const DOSSIER_CHANNEL_LABELS: Record<DossierChannel, Label> = {
  1: { vi: 'Trực tiếp', en: 'In person' },
  2: { vi: 'Trực tuyến', en: 'Online' },
  3: { vi: 'Bưu chính công ích', en: 'Public postal service' },
};

// ─── Canonical event ─────────────────────────────────────────────────────────────────────────

const Timestamp = Type.String({ pattern: RFC3339_PATTERN, format: 'date-time' });
const Flag = Type.Boolean();

export const DossierStatusSchema = Type.Union([
  Type.Literal(1),
  Type.Literal(2),
  Type.Literal(3),
  Type.Literal(4),
  Type.Literal(5),
  Type.Literal(6),
  Type.Literal(7),
  Type.Literal(8),
  Type.Literal(9),
  Type.Literal(10),
]);
export const DossierChannelSchema = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]);
export const OnlinePaymentSchema = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]);

export const DossierSupplementSchema = Type.Object(
  {
    /** NgayBoSung: when the agency asked the applicant for more documents. */
    requestedAt: Timestamp,
    /** NgayTiepNhanBoSung: when the supplement came back; absent or null while the applicant holds the dossier. */
    completedAt: Type.Optional(Nullable(Timestamp)),
    /** NgayHenTraTruoc / NgayHenTraMoi: appointment date before and after the request, when the system moved it. */
    dueBefore: Type.Optional(Timestamp),
    dueAfter: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type DossierSupplement = Static<typeof DossierSupplementSchema>;

export const DossierFeeSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_TEXT_PATTERN }),
    name: Type.Optional(Type.String({ maxLength: 512, pattern: PLAIN_TEXT_PATTERN })),
    amountVnd: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type DossierFee = Static<typeof DossierFeeSchema>;

/**
 * One status change of one dossier (hồ sơ TTHC), in canonical names. A feed sends one per
 * change, in any order, with retries: `eventId` makes a retry a no-op, and the dossier's state is
 * a fold of its events ordered by `statusAt`. Fields other than the identity, `status` and
 * `statusAt` describe the dossier as known at that change and may be left out when unknown.
 * Personal data of the applicant has no place here on purpose: the IOC needs none of it.
 */
export const DossierEventSchema = Type.Object(
  {
    /** Idempotency key: the same event sent twice must carry the same id (a feed id: see FEED_ID_PATTERN). */
    eventId: FeedIdSchema,
    /** MaHoSo. Opaque (vendors format it differently) but a feed id. */
    dossierCode: FeedIdSchema,
    /** MaTTHC */
    procedureCode: Type.String({ pattern: PROCEDURE_CODE_PATTERN, maxLength: 64 }),
    /** MaLinhVuc */
    fieldCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: PLAIN_TEXT_PATTERN })),
    /** The agency that handles the dossier (mã định danh điện tử). */
    agencyCode: Type.String({ pattern: AGENCY_CODE_PATTERN }),
    /** GSO code of the administrative unit the dossier is attributed to. */
    adminUnitCode: Type.String({ pattern: ADMIN_UNIT_CODE_PATTERN }),
    /** Administrative level of the handling agency; DISTRICT only for data before 2025-07-01. */
    level: Type.Optional(AgencyLevelSchema),
    /** DonViXuLy: the unit processing it, as the source names it. */
    processingUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 256, pattern: PLAIN_TEXT_PATTERN })),
    channel: DossierChannelSchema,
    status: DossierStatusSchema,
    /** When the dossier entered `status`. */
    statusAt: Timestamp,
    /** NgayNopHoSo */
    submittedAt: Type.Optional(Timestamp),
    /** NgayTiepNhan: the date dossiers are attributed to a period by. */
    receivedAt: Type.Optional(Timestamp),
    /** NgayHenTra: the appointment date; null when the procedure has none. */
    dueAt: Type.Optional(Nullable(Timestamp)),
    /** NgayKetThucXuLy: processing finished (status 9). */
    finishedAt: Type.Optional(Timestamp),
    /** NgayTra: result returned (status 10). */
    returnedAt: Type.Optional(Timestamp),
    /** NgayTuChoi: refused or stopped. */
    rejectedAt: Type.Optional(Timestamp),
    /** DanhSachHoSoBoSung: every supplement request so far. */
    supplements: Type.Optional(Type.Array(DossierSupplementSchema, { maxItems: 50 })),
    /** The procedure carries a fee or charge for this dossier (some synced fee is not 0). */
    feeBearing: Type.Optional(Flag),
    /** DanhSachLePhi */
    fees: Type.Optional(Type.Array(DossierFeeSchema, { maxItems: 50 })),
    /** DuocThanhToanTrucTuyen; absent means not known to be paid online. */
    onlinePayment: Type.Optional(OnlinePaymentSchema),
    /** Components were digitised (HoSoCoThanhPhanSoHoa, TaiLieuNop[].DuocSoHoa). */
    digitized: Type.Optional(Flag),
    /** A component re-used already digitised data (TaiLieuNop[].DuocTaiSuDung). */
    reusedDigitizedData: Type.Optional(Flag),
    /** A component was taken from the citizen's DVCQG storage (TaiLieuNop[].DuocLayTuKhoDMQG). */
    personalStorage: Type.Optional(Flag),
    /** An electronic result was issued (DanhSachGiayToKetQua with a file). */
    eResult: Type.Optional(Flag),
    eResultUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, pattern: PLAIN_TEXT_PATTERN })),
    /** The applicant's account was authenticated with VNeID. */
    vneidVerified: Type.Optional(Flag),
    /** The source says the dossier is synced to DVCQG. */
    syncedToDvcqg: Type.Optional(Flag),
    /** The dossier used the national population database (DSKetNoiCSDL names it): 766 indicator 4.5(b). */
    populationData: Type.Optional(Flag),
    /** An electronic certified copy was issued from the original (ELECTRONIC_CERTIFIED_COPY). */
    eCertifiedCopy: Type.Optional(Flag),
  },
  { additionalProperties: false },
);
export type DossierEvent = Static<typeof DossierEventSchema>;

/** Largest batch of dossier events in one request. */
export const MAX_DOSSIER_BATCH_ITEMS = 5000;
