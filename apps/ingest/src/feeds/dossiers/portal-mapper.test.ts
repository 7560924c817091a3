import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { DossierEventSchema, type DossierEvent } from '@cityioc/contracts';
import { dossierEventRuleErrors } from '@cityioc/domain';
import { receivedDossier } from '../../../../../test-support/dossiers.ts';
import { dossierEventFromPortal, isPortalDossierPayload } from './portal-mapper.ts';

/** A finished online dossier as a provincial one-stop system would sync it (hand-written, not real data). */
const finishedOnline = {
  MaHoSo: '000.00.01.H13-250123-0042',
  MaTTHC: '1.000494',
  TenTTHC: 'Cấp bản sao trích lục hộ tịch',
  MaLinhVuc: 'G13-HT',
  KenhThucHien: 2,
  ChuHoSo: 'Nguyễn Văn A',
  SoDienThoai: '0900000000',
  Email: 'a@example.vn',
  NgayNopHoSo: '20250122200000',
  NgayTiepNhan: '20250123080500',
  NgayHenTra: '20250204170000',
  TrangThaiHoSo: 9,
  NgayKetThucXuLy: '20250203150000',
  DonViXuLy: 'UBND quận Ninh Kiều',
  MaCoQuan: '000.00.01.H13',
  DuocThanhToanTrucTuyen: 1,
  HoSoCoThanhPhanSoHoa: 0,
  TaiKhoanDuocXacThucVoiVNeID: 1,
  TaiLieuNop: [
    { MaThanhPhanHoSo: 'TP1', DuocSoHoa: 1, DuocTaiSuDung: 0, DuocLayTuKhoDMQG: 1 },
    { MaThanhPhanHoSo: 'TP2', DuocSoHoa: 0, DuocTaiSuDung: 0, DuocLayTuKhoDMQG: 0 },
  ],
  DanhSachLePhi: [{ MaPhiLePhi: 'LP01', TenPhiLePhi: 'Lệ phí', Gia: 8000 }],
  DanhSachHoSoBoSung: [{ NgayBoSung: '20250124100000', NgayTiepNhanBoSung: '20250203090000' }],
  DanhSachGiayToKetQua: [{ MaGiayToKetQua: 'KQ1', DuongDanTepTinKetQua: 'https://dvc.example/kq/1.pdf' }],
};

const ctx = { adminUnitCode: '31135' };

describe('dossierEventFromPortal', () => {
  it('maps the portal names to a canonical event that passes the schema', () => {
    const r = dossierEventFromPortal(finishedOnline, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event).toEqual({
      eventId: expect.stringMatching(/^000\.00\.01\.H13-250123-0042:9@20250203150000:[0-9a-f]{16}$/) as unknown as string,
      dossierCode: '000.00.01.H13-250123-0042',
      procedureCode: '1.000494',
      fieldCode: 'G13-HT',
      agencyCode: '000.00.01.H13',
      adminUnitCode: '31135',
      processingUnit: 'UBND quận Ninh Kiều',
      channel: 2,
      status: 9,
      statusAt: '2025-02-03T15:00:00+07:00',
      submittedAt: '2025-01-22T20:00:00+07:00',
      receivedAt: '2025-01-23T08:05:00+07:00',
      dueAt: '2025-02-04T17:00:00+07:00',
      finishedAt: '2025-02-03T15:00:00+07:00',
      supplements: [{ requestedAt: '2025-01-24T10:00:00+07:00', completedAt: '2025-02-03T09:00:00+07:00' }],
      fees: [{ code: 'LP01', name: 'Lệ phí', amountVnd: 8000 }],
      feeBearing: true,
      onlinePayment: 1,
      digitized: true,
      reusedDigitizedData: false,
      personalStorage: true,
      eResult: true,
      eResultUrl: 'https://dvc.example/kq/1.pdf',
      vneidVerified: true,
    } satisfies DossierEvent);
    expect(Value.Check(DossierEventSchema, r.event)).toBe(true);
    // personal data never leaves the mapper
    expect(JSON.stringify(r.event)).not.toMatch(/Nguyễn|0900000000|example\.vn'/);
  });

  it('flags every zone-less date it had to read as +07:00', () => {
    const r = dossierEventFromPortal(finishedOnline, ctx);
    expect(r.warnings.map((w) => w.field)).toEqual(
      expect.arrayContaining(['/NgayTiepNhan', '/NgayHenTra', '/NgayKetThucXuLy', '/DanhSachHoSoBoSung/0/NgayBoSung']),
    );
    expect(r.warnings.every((w) => w.reason === 'assumed_timezone')).toBe(true);
  });

  it('gives a stable event id for retries of the same snapshot, a new one when the snapshot changed, and honours one given by the caller', () => {
    const a = dossierEventFromPortal(finishedOnline, ctx);
    const b = dossierEventFromPortal({ ...structuredClone(finishedOnline), ChuHoSo: 'changed, but not kept' }, ctx);
    expect(a.ok && b.ok && a.event.eventId === b.event.eventId).toBe(true);
    const paid = dossierEventFromPortal({ ...finishedOnline, DuocThanhToanTrucTuyen: 2 }, ctx);
    expect(a.ok && paid.ok && a.event.eventId !== paid.event.eventId).toBe(true);
    const c = dossierEventFromPortal(finishedOnline, { ...ctx, eventId: 'feed-1:778' });
    expect(c.ok && c.event.eventId).toBe('feed-1:778');
  });

  it('reads an empty channel as in person, and takes the status time from the status’s own date', () => {
    const r = dossierEventFromPortal(
      { MaHoSo: 'HS-1', MaTTHC: '2.000815', MaCoQuan: '000.00.01.H13', KenhThucHien: null, TrangThaiHoSo: '2', NgayTiepNhan: '2025-03-03T08:00:00+07:00' },
      ctx,
    );
    expect(r).toMatchObject({ ok: true, event: { channel: 1, status: 2, statusAt: '2025-03-03T08:00:00+07:00' }, warnings: [] });
  });

  it('resolves the administrative unit from the agency when the caller has a lookup', () => {
    const r = dossierEventFromPortal(
      { MaHoSo: 'HS-2', MaTTHC: '1.000494.000.00.00.H13', TrangThaiHoSo: 2, NgayTiepNhan: '20250303080000', DonViXuLy: '000.00.05.H13' },
      { resolveAdminUnit: (a) => (a === '000.00.05.H13' ? '31153' : undefined) },
    );
    expect(r).toMatchObject({ ok: true, event: { agencyCode: '000.00.05.H13', adminUnitCode: '31153', procedureCode: '1.000494.000.00.00.H13' } });
  });

  it('uses the latest supplement request as the time of status 5', () => {
    const r = dossierEventFromPortal(
      {
        ...finishedOnline,
        TrangThaiHoSo: 5,
        NgayKetThucXuLy: undefined,
        DanhSachHoSoBoSung: [{ NgayBoSung: '20250124100000' }],
      },
      ctx,
    );
    expect(r).toMatchObject({
      ok: true,
      event: { status: 5, statusAt: '2025-01-24T10:00:00+07:00', supplements: [{ requestedAt: '2025-01-24T10:00:00+07:00' }] },
    });
  });

  it('reads a bare appointment date as due by the end of that day', () => {
    const r = dossierEventFromPortal({ ...finishedOnline, NgayHenTra: '04/02/2025' }, ctx);
    expect(r).toMatchObject({ ok: true, event: { dueAt: '2025-02-04T23:59:59+07:00' } });
    expect(r.warnings).toContainEqual(expect.objectContaining({ field: '/NgayHenTra', reason: 'date_only' }));
  });

  it('reports each problem on its own, with the portal’s field names', () => {
    const r = dossierEventFromPortal(
      {
        ...finishedOnline,
        MaTTHC: '1000494',
        MaCoQuan: 'UBND-NK',
        KenhThucHien: 4,
        TrangThaiHoSo: 11,
        NgayTiepNhan: '20250231080000',
        DuocThanhToanTrucTuyen: 'có',
        TaiLieuNop: [{ DuocSoHoa: 'yes' }],
        DanhSachLePhi: [{ MaPhiLePhi: 'LP01', Gia: -5 }],
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.field, e.reason])).toEqual(
      expect.arrayContaining([
        ['/MaTTHC', 'pattern'],
        ['/MaCoQuan', 'pattern'],
        ['/KenhThucHien', 'unknown_channel'],
        ['/TrangThaiHoSo', 'unknown_status'],
        ['/NgayTiepNhan', 'date_format'],
        ['/DuocThanhToanTrucTuyen', 'type'],
        ['/TaiLieuNop/0/DuocSoHoa', 'flag'],
        ['/DanhSachLePhi/0/Gia', 'amount'],
      ]),
    );
    expect(r.errors).toHaveLength(8);
    expect(r.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('refuses an appointment date before the reception date', () => {
    const r = dossierEventFromPortal({ ...finishedOnline, NgayHenTra: '20250122170000' }, ctx);
    expect(r).toMatchObject({ ok: false, errors: [{ field: '/NgayHenTra', reason: 'due_before_received' }] });
  });

  it('refuses a supplement completed before it was asked for', () => {
    const r = dossierEventFromPortal({ ...finishedOnline, DanhSachHoSoBoSung: [{ NgayBoSung: '20250124100000', NgayTiepNhanBoSung: '20250124090000' }] }, ctx);
    expect(r).toMatchObject({ ok: false, errors: [{ field: '/DanhSachHoSoBoSung/0/NgayTiepNhanBoSung', reason: 'supplement_before_request' }] });
  });

  it('needs the identity fields, an agency and an area, and says so', () => {
    const r = dossierEventFromPortal({}, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['/MaHoSo', '/MaTTHC', '/MaCoQuan', '/adminUnitCode', '/TrangThaiHoSo']));
  });

  it('needs a time for a status the payload has no date for', () => {
    const base = { MaHoSo: 'HS-3', MaTTHC: '1.000494', MaCoQuan: '000.00.01.H13', TrangThaiHoSo: 4, NgayTiepNhan: '20250303080000' };
    expect(dossierEventFromPortal(base, ctx)).toMatchObject({ ok: false, errors: [{ field: '/statusAt', reason: 'required' }] });
    expect(dossierEventFromPortal(base, { ...ctx, statusAt: '2025-03-03T09:00:00+07:00' })).toMatchObject({
      ok: true,
      event: { statusAt: '2025-03-03T09:00:00+07:00' },
    });
    expect(dossierEventFromPortal({ ...base, tienTrinhDongBo: [{ ThoiDiemXuLy: '20250303100000' }, { ThoiDiemXuLy: '20250303093000' }] }, ctx)).toMatchObject({
      ok: true,
      event: { statusAt: '2025-03-03T10:00:00+07:00' },
    });
  });

  it('refuses what is not an object', () => {
    expect(dossierEventFromPortal([1, 2], ctx)).toMatchObject({ ok: false, errors: [{ field: '', reason: 'type' }] });
    expect(isPortalDossierPayload({ MaHoSo: 'x' })).toBe(true);
    expect(isPortalDossierPayload({ dossierCode: 'x' })).toBe(false);
  });
});

describe('DossierEventSchema and the cross-field rules', () => {
  const event = receivedDossier('e1', 'HS-9', '2025-03-03T08:00:00+07:00', { dueAt: '2025-03-05T17:00:00+07:00' });
  it('accepts a canonical event and refuses malformed codes, statuses and zone-less times', () => {
    expect(Value.Check(DossierEventSchema, event)).toBe(true);
    expect(Value.Check(DossierEventSchema, { ...event, status: 11 })).toBe(false);
    expect(Value.Check(DossierEventSchema, { ...event, procedureCode: '1.00049' })).toBe(false);
    expect(Value.Check(DossierEventSchema, { ...event, adminUnitCode: '9160' })).toBe(false);
    expect(Value.Check(DossierEventSchema, { ...event, statusAt: '2025-03-03T08:00:00' })).toBe(false);
    expect(Value.Check(DossierEventSchema, { ...event, dueAt: null })).toBe(true);
    expect(Value.Check(DossierEventSchema, { ...event, ChuHoSo: 'x' })).toBe(false);
  });
  it('finds what the schema cannot', () => {
    expect(dossierEventRuleErrors(event)).toEqual([]);
    expect(dossierEventRuleErrors({ ...event, dueAt: '2025-03-02T17:00:00+07:00' })).toMatchObject([{ field: '/dueAt', reason: 'due_before_received' }]);
    expect(dossierEventRuleErrors({ ...event, statusAt: '2025-02-30T08:00:00+07:00' })).toMatchObject([{ field: '/statusAt', reason: 'date_format' }]);
  });
});
