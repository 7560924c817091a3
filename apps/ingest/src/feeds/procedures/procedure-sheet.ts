import { foldText, localDateOf, type SheetCell, type SheetGrid } from '@cityioc/domain';

/**
 * A department's procedure table (CSV or XLSX, one procedure per row) read into items in the
 * portal's Vietnamese names, which the catalogue's one checker then maps and checks like any other
 * item. Headers are found the way the reporting import finds them: case, diacritics and spacing
 * folded, a unit in brackets ignored ('Thời hạn giải quyết (ngày)').
 */
const HEADERS: Record<string, string[]> = {
  MaTTHC: ['ma tthc', 'ma thu tuc', 'ma thu tuc hanh chinh', 'code'],
  TenTTHC: ['ten tthc', 'ten thu tuc', 'ten thu tuc hanh chinh', 'name'],
  TenTiengAnh: ['ten tieng anh', 'name en', 'english name'],
  ThoiHanGiaiQuyet: ['thoi han giai quyet', 'thoi gian giai quyet', 'thoi han'],
  DonViTinh: ['don vi tinh', 'don vi thoi han'],
  CoPhiLePhi: ['phi le phi', 'co phi le phi', 'co phi', 'le phi'],
  MucDoDVC: ['muc do dvc', 'muc do dvctt', 'dich vu cong truc tuyen', 'muc do'],
  HieuLucTu: ['hieu luc tu', 'ap dung tu', 'valid from'],
  CoQuanThucHien: ['co quan thuc hien', 'ma co quan', 'ma co quan thuc hien'],
  DonViApDung: ['don vi ap dung', 'dia ban ap dung'],
  CapThucHien: ['cap thuc hien'],
  SoQuyetDinh: ['so quyet dinh cong bo', 'quyet dinh cong bo', 'so qdcb', 'qdcb'],
  NgayQuyetDinh: ['ngay quyet dinh', 'ngay ban hanh', 'ngay qdcb', 'ngay quyet dinh cong bo'],
  NgayHieuLuc: ['ngay hieu luc can cu', 'ngay hieu luc van ban', 'ngay hieu luc'],
  NgayCongKhai: ['ngay cong khai', 'ngay cong khai tren csdl', 'ngay cong khai tren csdl quoc gia'],
  ThanhPhanConThieu: ['thanh phan con thieu', 'noi dung con thieu', 'bo phan con thieu'],
  KetQuaBanGiay: ['ket qua ban giay', 'yeu cau ket qua giay', 'ket qua giay'],
  DoiTuongThucHien: ['doi tuong thuc hien', 'doi tuong'],
  ChungThuc: ['chung thuc ban sao', 'thu tuc chung thuc', 'chung thuc'],
  NguonDuLieu: ['nguon', 'nguon so lieu', 'nguon du lieu', 'source'],
  MinhHoa: ['minh hoa', 'illustrative'],
};

function roleOf(text: string): string | null {
  for (const f of [foldText(text), foldText(text.replace(/\([^)]*\)/g, ' '))]) {
    if (!f) continue;
    for (const [name, aliases] of Object.entries(HEADERS)) if (aliases.includes(f)) return name;
  }
  return null;
}

function cellValue(c: SheetCell): string | number | null {
  if (c === null) return null;
  switch (c.kind) {
    case 'text':
      return c.text.trim() === '' ? null : c.text;
    case 'number':
      return c.value;
    case 'date':
      return localDateOf(c.ms);
    case 'formula':
      return c.result;
  }
}

export type ProcedureSheet = { ok: true; items: Record<string, unknown>[]; rows: number[] } | { ok: false; message: string };

const MAX_HEADER_SCAN = 15;

/** The items of a procedure table: the header is the first of the first 15 rows naming a code column; blank rows are skipped. */
export function procedureSheetItems(grid: SheetGrid): ProcedureSheet {
  for (let r = 0; r < Math.min(grid.length, MAX_HEADER_SCAN); r++) {
    const row = grid[r]!;
    const columns = row.map((c) => (c !== null && c.kind === 'text' ? roleOf(c.text) : null));
    if (!columns.includes('MaTTHC')) continue;
    const items: Record<string, unknown>[] = [];
    const rows: number[] = [];
    for (let i = r + 1; i < grid.length; i++) {
      const item: Record<string, unknown> = {};
      grid[i]!.forEach((c, k) => {
        const name = columns[k];
        const v = cellValue(c);
        if (name && v !== null && v !== '') item[name] = v;
      });
      if (Object.keys(item).length === 0) continue;
      // a row read from a sheet is in the portal's names even when its code cell is empty
      if (!('MaTTHC' in item)) item.MaTTHC = null;
      items.push(item);
      rows.push(i + 1);
    }
    return { ok: true, items, rows };
  }
  return { ok: false, message: "no header row names the procedure code ('Mã TTHC') in the first 15 rows" };
}
