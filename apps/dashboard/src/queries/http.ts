import { runtimeConfig } from '../config.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** GET a JSON resource of the ingest API (same origin unless the runtime config says otherwise). */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const url = `${runtimeConfig().apiBaseUrl}${path}`;
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) throw new HttpError(res.status, url, `GET ${url} → ${res.status}`);
  return (await res.json()) as T;
}
