import type { DirectiveAttachment } from '@cityioc/contracts';
import type { Api } from '../../queries/http.ts';

/**
 * An operator's attachment to a report: the file goes as the raw body of
 * POST /api/v1/directives/:id/attachments?unit=&filename= (through `api.upload`, which sends the
 * session's CSRF token); the server decides the type from the bytes and the size against its
 * limit, and its refusal (413 body_too_large, 415 forbidden_attachment_type or
 * unsupported_media_type, 422…) is shown in its own words.
 */
export type UploadResult = { ok: true; attachment: DirectiveAttachment } | { ok: false; status: number; code: string; message: string };

/** The Content-Type a file is sent with: its own when the browser knows it, else raw bytes. */
export function uploadContentType(fileType: string): string {
  return fileType.trim() === '' ? 'application/octet-stream' : fileType;
}

export function attachmentUploadPath(directiveId: string, unit: string, filename: string): string {
  const q = new URLSearchParams({ unit, filename: [...filename].slice(0, 255).join('') });
  return `/api/v1/directives/${encodeURIComponent(directiveId)}/attachments?${q.toString()}`;
}

/** Pure: the server's answer to an upload as a result (its `error` and `message` when refused). */
export function uploadResult(status: number, body: unknown): UploadResult {
  const j = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (status === 201 && typeof j.id === 'string') return { ok: true, attachment: body as DirectiveAttachment };
  return {
    ok: false,
    status,
    code: typeof j.error === 'string' && j.error ? j.error : String(status),
    message: typeof j.message === 'string' && j.message ? j.message : `HTTP ${status}`,
  };
}

export async function uploadAttachment(api: Pick<Api, 'upload'>, directiveId: string, unit: string, file: File): Promise<UploadResult> {
  try {
    const r = await api.upload('POST', attachmentUploadPath(directiveId, unit, file.name), { body: file, contentType: uploadContentType(file.type) });
    return uploadResult(r.status, r.body);
  } catch (e) {
    return { ok: false, status: 0, code: 'unreachable', message: e instanceof Error ? e.message : String(e) };
  }
}
