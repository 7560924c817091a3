import type { DirectiveAttachment } from '@cityioc/contracts';

/** Largest attachment by default (IOC_ATTACHMENT_MAX_BYTES): a scanned report of a few pages. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** What a client may send the bytes as; the type we keep is the one the bytes show. */
export const ATTACHMENT_UPLOAD_MIMES = [
  'application/octet-stream',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const starts = (b: Buffer, sig: readonly number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/**
 * The type of a file from its first bytes (never the client's word): PDF, PNG, JPEG, or an Office
 * Open XML document (a ZIP whose entries name word/document.xml or xl/workbook.xml); null for
 * anything else — HTML, SVG, scripts, other archives — which is refused (415).
 */
export function attachmentType(b: Buffer): DirectiveAttachment['type'] | null {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('[Content_Types].xml')) {
    if (b.includes('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (b.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return null;
}

/** A file name safe to show and to put in Content-Disposition: no path, no control characters, at most 200 characters. */
export function safeFileName(raw: string | undefined, type: DirectiveAttachment['type']): string {
  const ext: Record<DirectiveAttachment['type'], string> = {
    'application/pdf': 'pdf',
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  };

  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return base === '' || base === '.' || base === '..' ? `tep-dinh-kem.${ext[type]}` : base;
}

/** Content-Disposition for a download: always an attachment, the name in RFC 5987 form (Vietnamese letters kept) and an ASCII fallback. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii || 'file'}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
