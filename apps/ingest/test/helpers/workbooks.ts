/**
 * Hostile and oversized workbooks for the import tests (issue 12 #11), built here rather than
 * shipped: a zip whose worksheet inflates to hundreds of MB from a few hundred kB, the same zip
 * with sizes that lie, sheets past the row, cell and merge limits. The zip is written by hand
 * (local headers, central directory) so a test can state sizes a real writer would not.
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET = 'xl/worksheets/sheet1.xml';

export interface Part {
  name: string;
  /** the part's bytes, as one buffer or a sequence of chunks (streamed through deflate, never held whole) */
  content: Buffer | (() => Iterable<Buffer>);
  /** an uncompressed size to declare instead of the real one */
  declaredSize?: number;
}

async function deflate(content: Part['content']): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => z.on('end', r));
  let crc = 0;
  let size = 0;
  for (const chunk of typeof content === 'function' ? content() : [content]) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip of the parts, each deflated. */
export async function zipParts(parts: Part[]): Promise<Buffer> {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const { data, crc, size } = await deflate(p.content);
    const name = Buffer.from(p.name);
    const usize = p.declaredSize ?? size;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6); // UTF-8 names
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(usize, 22);
    h.writeUInt16LE(name.length, 26);
    local.push(h, name, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(usize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += h.length + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

/** The parts of a real one-sheet workbook written by exceljs, with its worksheet replaced. */
export async function workbookWith(sheet: Part['content'], extra: { declaredSize?: number; parts?: Part[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Báo cáo').addRow(['Đơn vị', 'Giá trị']);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const parts: Part[] = Object.entries(files)
    .filter(([name]) => name !== SHEET)
    .map(([name, data]) => ({ name, content: Buffer.from(data) }));
  return zipParts([...parts, { name: SHEET, content: sheet, declaredSize: extra.declaredSize }, ...(extra.parts ?? [])]);
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A worksheet whose one cell holds `mb` MB of text: a few hundred kB once deflated. */
export function bombSheet(mb: number): () => Iterable<Buffer> {
  return function* () {
    yield Buffer.from(`${HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`);
    const block = Buffer.alloc(1024 * 1024, 'A');
    for (let i = 0; i < mb; i++) yield block;
    yield Buffer.from('</t></is></c></row></sheetData></worksheet>');
  };
}

/** A worksheet of `rows` rows of one number each, then `tail` (merges, validations…). */
export function rowsSheet(rows: number, opts: { tail?: string; firstRow?: number } = {}): Buffer {
  const from = opts.firstRow ?? 1;
  const body = Array.from({ length: rows }, (_, i) => `<row r="${from + i}"><c r="A${from + i}"><v>${i}</v></c></row>`).join('');
  return Buffer.from(`${HEAD}<sheetData>${body}</sheetData>${opts.tail ?? ''}</worksheet>`);
}

/** The lines of a CSV export as a spreadsheet reads them: the BOM and the last line break dropped, CRLF or LF. */
export function csvLines(body: string): string[] {
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
}
