import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ProceduresResponse, ReferencePutResponse } from '@cityioc/contracts';
import { appPerTest, sendFeed, TEST_KEY, AS } from '../../../test/helpers/build-test-app.ts';

let app: FastifyInstance;
const build = appPerTest();
const now = Date.parse('2026-12-05T10:00:00+07:00');
async function start() {
  app = await build({ tickMs: 20 }, { clock: () => now });
}
const list = async () => (await app.inject({ method: 'GET', headers: AS.analyst, url: '/api/v1/procedures' })).json<ProceduresResponse>();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The catalogue changes in the audit log: actor, action, details. */
const audited = async () =>
  (await app.inject({ url: '/api/v1/admin/audit?action=procedures.', headers: AS.admin }))
    .json<{ records: { actor: string; action: string; details: unknown }[] }>()
    .records.map((r) => [r.actor, r.action, r.details]);

/** A procedure as the national portal's catalogue (`…/reporting/formalities`) and the national TTHC database name it. */
const PORTAL = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  code: '1.001612',
  name: 'Đăng ký khai sinh',
  state: 'PUBLISHED',
  departmentId: '000.00.02.H13',
  appliedDepartmentIds: ['000.135.00.H13', '000.153.00.H13'],
  ThoiHanGiaiQuyet: '0,5',
  DonViTinh: 'Ngày làm việc',
  CoPhiLePhi: 'Không',
  MucDoDVC: 'Toàn trình; Một phần',
  SoQuyetDinh: '1234/QĐ-UBND',
  NgayQuyetDinh: '02/03/2026',
  NgayHieuLuc: '16/03/2026',
  NgayCongKhai: '09/03/2026',
  ThanhPhanConThieu: '',
  DayDuNoiDung: 'Có',
  KetQuaBanGiay: 1,
  DoiTuongThucHien: 'Công dân Việt Nam',
  CapThucHien: 'Cấp xã',
};

describe('procedure catalogue feed', () => {
  it("takes the portal's names, keeps the valid items of a mixed batch and names each bad one with its field", async () => {
    await start();
    const r = await app.inject({
      method: 'PUT',
      url: '/api/v1/procedures',
      headers: { 'x-api-key': TEST_KEY },
      payload: {
        items: [
          PORTAL,
          { ...PORTAL, code: '1.001613', departmentId: '000.00.77.H13' }, // unknown agency
          { ...PORTAL, code: '1.001614', DonViApDung: '99999' }, // unknown unit
          { ...PORTAL, code: '1.001615', NgayQuyetDinh: '02/03/1998' }, // implausible date
          { ...PORTAL, code: '1.001616', DonViTinh: 'tuần' }, // unknown unit of time
          { ...PORTAL, code: '1.001617', NgayCongKhai: '01/03/2026' }, // public before its decision
        ],
      },
    });
    expect(r.statusCode).toBe(422);
    const body = r.json<ReferencePutResponse>();
    expect(body).toMatchObject({ stored: 1, rejected: 5 });
    expect(body.results.map((x) => [x.key, x.status, x.errors?.[0]?.field, x.errors?.[0]?.reason])).toEqual([
      ['1.001612', 'stored', undefined, undefined],
      ['1.001613', 'rejected', '/agencies/0', 'unknown_agency'],
      ['1.001614', 'rejected', '/units/0', 'unknown_area'],
      ['1.001615', 'rejected', '/publication/decidedOn', 'implausible_date'],
      ['1.001616', 'rejected', '/DonViTinh', 'unknown_unit'],
      ['1.001617', 'rejected', '/publication/publicOn', 'range'],
    ]);
    const [p] = (await list()).items;
    expect(p).toMatchObject({
      code: '1.001612',
      name: { vi: 'Đăng ký khai sinh' },
      legalTime: { value: 0.5, unit: 'working_days' },
      feeBearing: false,
      onlineService: 'full',
      onlineLevels: ['full', 'partial'],
      validFrom: '2026-03-02',
      agencies: ['000.00.02.H13', '000.135.00.H13', '000.153.00.H13'],
      levels: ['COMMUNE'],
      publication: { decision: '1234/QĐ-UBND', decidedOn: '2026-03-02', legalBasisEffectiveOn: '2026-03-16', publicOn: '2026-03-09' },
      missingComponents: [],
      paperResult: true,
      applicants: ['citizen'],
      portalId: '6f1c2d3e-0000-4000-8000-000000000001',
      state: 'PUBLISHED',
      version: 1,
      current: true,
    });
    // the same procedure in our own names is the same document: unchanged
    const again = await sendFeed(app, 'PUT', '/api/v1/procedures', {
      items: [{ ...p, version: undefined, storedAt: undefined, origin: undefined, current: undefined }],
    });
    expect(again.json<ReferencePutResponse>().results[0]).toMatchObject({ status: 'unchanged', version: 1 });
  });

  it('takes NDJSON, one result per line, an unparsable line named', async () => {
    await start();
    const lines = [
      JSON.stringify(PORTAL),
      '{not json',
      JSON.stringify({ ...PORTAL, code: '2.000815', name: 'Cấp phiếu lý lịch tư pháp', CoPhiLePhi: '200.000' }),
    ].join('\n');
    const r = await sendFeed(app, 'PUT', '/api/v1/procedures/ndjson', lines, 'application/x-ndjson');
    expect(r.statusCode).toBe(422);
    expect(r.json<ReferencePutResponse>().results.map((x) => [x.index, x.status, x.errors?.[0]?.reason])).toEqual([
      [0, 'stored', undefined],
      [1, 'rejected', 'invalid_json'],
      [2, 'stored', undefined],
    ]);
    expect((await list()).items.find((x) => x.code === '2.000815')).toMatchObject({ feeBearing: true, name: { vi: 'Cấp phiếu lý lịch tư pháp' } });
    expect(await audited()).toEqual([['feed:tester', 'procedures.put', { stored: 2, unchanged: 0, rejected: 1, format: 'ndjson' }]]);
  });

  it('imports a CSV as a department saves it (vi-VN, ;) with each result on its sheet row', async () => {
    await start();
    const csv = [
      'Danh mục TTHC của Sở Tư pháp (minh họa);;;;;;',
      'Mã TTHC;Tên thủ tục;Thời hạn giải quyết;Đơn vị tính;Phí, lệ phí;Mức độ DVC;Hiệu lực từ;Cơ quan thực hiện;Số quyết định công bố;Ngày quyết định',
      '2.000815;Cấp phiếu lý lịch tư pháp cho công dân;10;Ngày làm việc;Có;Toàn trình;01/01/2026;000.00.02.H13;56/QĐ-UBND;05/01/2026',
      ';;;;;;',
      '2.000816;Thủ tục thiếu đơn vị;10;;Có;Một phần;01/01/2026;000.00.02.H13;;',
    ].join('\r\n');
    const r = await sendFeed(app, 'POST', '/api/v1/procedures/imports?filename=so-tu-phap.csv', csv, 'text/csv');
    expect(r.statusCode).toBe(422);
    const res = r.json<ReferencePutResponse>();
    expect(res.results.map((x) => [x.row, x.key, x.status, x.errors?.[0]?.field])).toEqual([
      [3, '2.000815', 'stored', undefined],
      [5, '2.000816', 'rejected', '/DonViTinh'],
    ]);
    const stored = (await list()).items.find((x) => x.code === '2.000815')!;
    expect(stored).toMatchObject({
      onlineService: 'full',
      publication: { decision: '56/QĐ-UBND', decidedOn: '2026-01-05' },
      origin: 'import-csv:tester:so-tu-phap.csv',
    });
    // the upload is a change of the catalogue: audited with its file name, whoever sent it
    expect(await audited()).toEqual([['feed:tester', 'procedures.put', { stored: 1, unchanged: 0, rejected: 1, format: 'csv', filename: 'so-tu-phap.csv' }]]);
  });

  it('imports an XLSX through the same reader and worker as the reporting import', async () => {
    await start();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('TTHC');
    ws.addRow([
      'Mã TTHC',
      'Tên TTHC',
      'Thời hạn giải quyết (ngày)',
      'Đơn vị tính',
      'Có phí lệ phí',
      'Mức độ DVC',
      'Ngày quyết định',
      'Số QĐCB',
      'Ngày hiệu lực',
      'Đối tượng thực hiện',
      'Minh họa',
    ]);
    ws.addRow([
      '1.000494',
      'Cấp bản sao trích lục hộ tịch',
      1,
      'Ngày làm việc',
      'Có',
      'Toàn trình',
      new Date(Date.UTC(2026, 1, 2)),
      '99/QĐ-UBND',
      new Date(Date.UTC(2026, 1, 20)),
      'Công dân; Tổ chức',
      'x',
    ]);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await app.inject({ method: 'POST', url: '/api/v1/procedures/imports', headers: { 'x-api-key': TEST_KEY, 'content-type': XLSX }, payload: body });
    expect(r.statusCode, r.body).toBe(200);
    expect((await list()).items[0]).toMatchObject({
      code: '1.000494',
      legalTime: { value: 1, unit: 'working_days' },
      applicants: ['citizen', 'organisation'],
      publication: { decidedOn: '2026-02-02', legalBasisEffectiveOn: '2026-02-20' },
      illustrative: true,
    });
    const bad = await sendFeed(app, 'POST', '/api/v1/procedures/imports', Buffer.from('PK not a workbook'), XLSX);
    expect(bad.statusCode).toBe(415);
    const noHeader = await sendFeed(app, 'POST', '/api/v1/procedures/imports', 'a;b\n1;2', 'text/csv');
    expect(noHeader.json()).toMatchObject({ statusCode: 400, error: 'no_header' });
  });
});
