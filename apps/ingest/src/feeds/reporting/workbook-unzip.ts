import { zipSync, type Zippable } from 'fflate';
import yauzl from 'yauzl';
import { SheetScanner, type SheetTotals } from './sheet-scanner.ts';
import { NotASpreadsheet, WorkbookTooLarge, type WorkbookLimits } from './table-limits.ts';

/** The entries exceljs parses as worksheets (its own pattern, unanchored as it is). */
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/**
 * Unzips an XLSX upload without ever holding more than the limits allow (issue 12 #11):
 *  - the central directory's declared sizes are summed first: past the limit, nothing is inflated;
 *  - each entry is inflated as a stream (zlib), its bytes counted against the same limit, and
 *    yauzl stops an entry that inflates past the size it declared;
 *  - each worksheet streams through a SheetScanner that stops at the row, cell or merge limit.
 * yauzl was chosen for reading (central directory as Excel reads it, random access from a buffer,
 * size validation, native zlib) over fflate's streaming unzip, which follows local headers and
 * only knows sizes afterwards when a file uses data descriptors.
 */
export async function unzipWorkbook(buf: Buffer, limits: WorkbookLimits): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    throw new NotASpreadsheet(`the workbook cannot be read: ${(e as Error).message}`, 'not_a_spreadsheet');
  }
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      entries.push(entry);
      declared += entry.uncompressedSize;
    }
  } catch (e) {
    throw new NotASpreadsheet(`the workbook cannot be read: ${(e as Error).message}`, 'not_a_spreadsheet');
  }
  if (declared > limits.unpackedBytes) {
    const biggest = entries.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
    throw new WorkbookTooLarge({
      field: biggest.fileName,
      reason: 'unpacked_size',
      message: `the workbook unpacks to ${mb(declared)} (${biggest.fileName} alone ${mb(biggest.uncompressedSize)}); an import may unpack to at most ${mb(limits.unpackedBytes)}`,
    });
  }
  const files = new Map<string, Buffer>();
  const totals: SheetTotals = { cells: 0, merges: 0 };
  let inflated = 0;
  for (const entry of entries) {
    const name = entry.fileName;
    const scanner = WORKSHEET.test(name) ? new SheetScanner(name, limits, totals) : null;
    const chunks: Buffer[] = [];
    let stream: NodeJS.ReadableStream | null = null;
    try {
      stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.unpackedBytes)
          throw new WorkbookTooLarge({ field: name, reason: 'unpacked_size', message: `the workbook unpacks to more than ${mb(limits.unpackedBytes)}` });
        scanner?.push(chunk);
        chunks.push(chunk);
      }
      scanner?.end();
    } catch (e) {
      (stream as { destroy?: () => void } | null)?.destroy?.();
      if (e instanceof WorkbookTooLarge || e instanceof NotASpreadsheet) throw e;
      throw new NotASpreadsheet(`the workbook cannot be read: ${name}: ${(e as Error).message}`, 'not_a_spreadsheet');
    }
    files.set(name, Buffer.concat(chunks));
  }
  return files;
}

/**
 * Removes every `<name …>…</name>` or `<name …/>` element (no namespace prefix) from an XML part.
 * A removed span holding a comment, CDATA or processing-instruction opener could reveal markup the
 * scanner saw as text, so such a part is refused instead.
 */
function withoutElement(xml: Buffer, name: string, entry: string): Buffer {
  for (let from = 0; ;) {
    const start = xml.indexOf(`<${name}`, from);
    if (start === -1) return xml;
    const after = xml[start + name.length + 1];
    from = start + 1;
    if (after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x0a && after !== 0x0d && after !== 0x09) continue; // a longer name
    const openEnd = xml.indexOf('>', start);
    if (openEnd === -1) return xml;
    let end = openEnd + 1;
    if (xml[openEnd - 1] !== 0x2f) {
      const close = xml.indexOf(`</${name}>`, openEnd);
      if (close === -1) return xml;
      end = close + name.length + 3;
    }
    const span = xml.subarray(start, end);
    if (span.includes('<!') || span.includes('<?'))
      throw new NotASpreadsheet(`the workbook cannot be read: ${entry} hides markup in <${name}>`, 'not_a_spreadsheet');
    xml = Buffer.concat([xml.subarray(0, start), xml.subarray(end)]);
    from = start;
  }
}

/**
 * The checked entries as a zip exceljs can load: stored, not compressed again, so exceljs reads
 * exactly the bytes that were counted. Two parts we never read are left out because exceljs
 * expands every address of their ranges (a data validation or a defined name over whole columns
 * made the old reader take seconds and hundreds of MB; over a whole sheet, forever). fflate's
 * zipSync writes the stored zip (yauzl has no writer; its sibling yazl streams, which we do not need).
 */
export function zipForReader(files: Map<string, Buffer>): Buffer {
  const out: Zippable = {};
  for (const [name, data] of files) {
    const part = name.replace(/^\//, '');
    let bytes = data;
    if (WORKSHEET.test(part)) bytes = withoutElement(bytes, 'dataValidations', name);
    else if (part === 'xl/workbook.xml') bytes = withoutElement(bytes, 'definedNames', name);
    out[name] = [bytes, { level: 0 }];
  }
  const z = zipSync(out);
  return Buffer.from(z.buffer, z.byteOffset, z.byteLength);
}
