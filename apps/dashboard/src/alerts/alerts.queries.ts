import type { Alert, AlertDetail, AlertListResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { runtimeConfig } from '../config.ts';
import { HttpError } from '../queries/http.ts';

/** ['alerts', 'wall'] for the wall (viewer: every alert), ['alerts', 'operator', token] for an inbox (the operator's scope). */
export const alertsRootKey = ['alerts'] as const;
export const wallAlertsKey = ['alerts', 'wall'] as const;
export const operatorAlertsKey = (token: string) => ['alerts', 'operator', token] as const;
export const alertDetailKey = (id: string, token: string) => ['alerts', 'detail', id, token] as const;

async function call<T>(method: 'GET' | 'POST', path: string, token: string | null, body?: unknown, signal?: AbortSignal): Promise<T> {
  const url = `${runtimeConfig().apiBaseUrl}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers['x-operator-token'] = token;
  const viewer = runtimeConfig().viewerToken;
  if (!token && viewer) headers.authorization = `Bearer ${viewer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, signal, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let message = `${method} ${url} → ${res.status}`;
    try {
      const j = (await res.json()) as { message?: string };
      if (j.message) message = j.message;
    } catch {
      /* not JSON */
    }
    throw new HttpError(res.status, url, message);
  }
  return (await res.json()) as T;
}

/**
 * The wall's alerts, kept current by alertV1 pushes (setQueryData) and re-read after a reconnect
 * (the live client invalidates every query but the snapshots), so alerts raised while the wall
 * was offline appear when it comes back.
 */
export function wallAlertsQuery() {
  return queryOptions({
    queryKey: wallAlertsKey,
    queryFn: ({ signal }) =>
      call<AlertListResponse>('GET', '/api/v1/alerts?status=open,acknowledged,assigned&limit=50', null, undefined, signal).then((r) => r.alerts),
    staleTime: Infinity,
  });
}

/** An operator's inbox: the server filters by the operator's scope; pushes invalidate it. */
export function operatorAlertsQuery(token: string) {
  return queryOptions({
    queryKey: operatorAlertsKey(token),
    queryFn: ({ signal }) => call<AlertListResponse>('GET', '/api/v1/alerts?limit=200', token, undefined, signal).then((r) => r.alerts),
    staleTime: 30_000,
  });
}

export function alertDetailQuery(id: string, token: string) {
  return queryOptions({
    queryKey: alertDetailKey(id, token),
    queryFn: ({ signal }) => call<AlertDetail>('GET', `/api/v1/alerts/${encodeURIComponent(id)}`, token, undefined, signal),
    staleTime: 30_000,
  });
}

export function whoAmI(token: string): Promise<{ name: string; unit: string; scopes: string[] }> {
  return call('GET', '/api/v1/alerts/me', token);
}

export function alertAction(id: string, action: 'ack' | 'assign' | 'resolve' | 'notes', token: string, body: unknown): Promise<{ alert: Alert }> {
  return call('POST', `/api/v1/alerts/${encodeURIComponent(id)}/${action}`, token, body);
}
