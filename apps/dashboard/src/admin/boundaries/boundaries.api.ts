import { api } from '../../queries/http.ts';
import { readReport, type BoundaryReport } from './boundary-report.ts';

/**
 * The administrator's boundary import (POST /api/v1/admin/boundaries): a GeoJSON or TopoJSON file
 * is sent as JSON, a zipped Shapefile as application/zip, exactly as read from the disk. With
 * `dryRun` nothing is stored and the report comes back; without it the import is committed whole
 * (200) or refused whole (422 with the report).
 */
export type UploadOutcome =
  | { kind: 'report'; status: number; report: BoundaryReport; committed: boolean; version: string | null }
  | { kind: 'error'; status: number; code: string; message: string };

/** The body's content type, from the file's name (and the browser's guess for a zip). */
export function contentTypeOf(file: { name: string; type: string }): string {
  const n = file.name.toLowerCase();
  if (n.endsWith('.zip') || file.type === 'application/zip' || file.type === 'application/x-zip-compressed') return 'application/zip';
  return 'application/json';
}

/** The import's URL: the dry run flag and the file's name (kept with the stored version). */
export function uploadUrl(dryRun: boolean, fileName?: string): string {
  const q = new URLSearchParams();
  if (dryRun) q.set('dryRun', 'true');
  // the server keeps a plain name: no markup, no control characters, at most 255 characters
  const name = fileName?.replace(/[<>\u0000-\u001f]/g, '').slice(0, 255);
  if (name) q.set('fileName', name);
  const query = q.toString();
  return `/api/v1/admin/boundaries${query ? `?${query}` : ''}`;
}

/** What an answer means for the page. */
export function readUpload(status: number, body: unknown, dryRun: boolean): UploadOutcome {
  const report = readReport(body);
  if (report && (status === 200 || status === 201 || status === 422)) {
    // the version stored: a number, or the stored version's record ({ version, storedAt, … })
    const raw = (body as { version?: unknown } | null)?.version;
    const v = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : raw;
    return { kind: 'report', status, report, committed: !dryRun && status < 300, version: typeof v === 'string' || typeof v === 'number' ? String(v) : null };
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; message?: unknown };
  return {
    kind: 'error',
    status,
    code: typeof b.error === 'string' ? b.error : `http_${status}`,
    message: typeof b.message === 'string' ? b.message : '',
  };
}

export async function uploadBoundaries(file: File, dryRun: boolean, signal?: AbortSignal): Promise<UploadOutcome> {
  // through the app's one client: the session cookie, the CSRF token of a cookie session, a 401 to the sign-in page
  const res = await api.upload('POST', uploadUrl(dryRun, file.name), { body: file, contentType: contentTypeOf(file), signal });
  return readUpload(res.status, res.body, dryRun);
}

/** One stored import, as GET /api/v1/admin/boundaries lists them (newest first; read defensively). */
export interface BoundaryVersion {
  version: string;
  at: number | null;
  /** Units it carries a shape for. */
  features: number | null;
  /** The one the maps draw (the newest). */
  current: boolean;
  by: string | null;
}

export function readVersions(body: unknown): BoundaryVersion[] {
  const list: unknown[] = Array.isArray(body)
    ? body
    : Array.isArray((body as { versions?: unknown })?.versions)
      ? (body as { versions: unknown[] }).versions
      : Array.isArray((body as { items?: unknown })?.items)
        ? (body as { items: unknown[] }).items
        : [];
  const flagged = list.some((x) => (x as { current?: unknown } | null)?.current === true);
  return list.map((x, i) => {
    const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
    const time = o.committedAt ?? o.storedAt ?? o.createdAt;
    const at = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : Number.NaN;
    const features = typeof o.features === 'number' ? o.features : Array.isArray(o.codes) ? o.codes.length : typeof o.count === 'number' ? o.count : null;
    const by = [o.fileName, o.filename, o.by, o.source, o.origin].find((v): v is string => typeof v === 'string' && v !== '') ?? null;
    return { version: String(o.version ?? o.id ?? '?'), at: Number.isFinite(at) ? at : null, features, current: flagged ? o.current === true : i === 0, by };
  });
}
