import type { AreaAt } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, getJson, HttpError } from '../queries/http.ts';
import type {
  AdminUser,
  AdminUserCreate,
  AdminUserPatch,
  AuditListResponse,
  Device,
  DeviceCreate,
  DeviceCreated,
  FeedGrant,
  FeedKeyCreated,
  FeedSource,
  FeedSourceCreate,
} from '@cityioc/contracts';

/** The administration API (role admin). Every mutation invalidates its list; all go through the one fetch helper. */
export const adminKey = ['admin'] as const;
const enc = encodeURIComponent;

/** A 4xx (403 included) is not retried. */
const retry = (n: number, e: unknown) => !(e instanceof HttpError && e.status >= 400 && e.status < 500) && n < 3;

/** One administration list, GET /api/v1/admin/<path> → { <field>: T[] }, under the query key ['admin', <path>]. */
const adminList =
  <Body extends Record<F, unknown[]>, F extends keyof Body & string = keyof Body & string>(path: string, field: F) =>
  () =>
    queryOptions({
      queryKey: ['admin', path] as const,
      queryFn: ({ signal }) => getJson<Body>(`/api/v1/admin/${path}`, signal).then((r) => r[field]),
      retry,
    });

export const usersQuery = adminList<{ users: AdminUser[] }>('users', 'users');

export const createUser = (body: AdminUserCreate) => api.send<AdminUser>('POST', '/api/v1/admin/users', { body });
export const patchUser = (id: string, body: AdminUserPatch) => api.send<AdminUser>('PATCH', `/api/v1/admin/users/${enc(id)}`, { body });

export const feedSourcesQuery = adminList<{ sources: FeedSource[] }>('feed-sources', 'sources');

export const createFeedSource = (body: FeedSourceCreate) => api.send<FeedSource>('POST', '/api/v1/admin/feed-sources', { body });
export const patchFeedSource = (id: string, body: { name?: string; grant?: FeedGrant }) =>
  api.send<FeedSource>('PATCH', `/api/v1/admin/feed-sources/${enc(id)}`, { body });
/** A new key; the secret is in this answer only. The previous keys stay valid for the overlap window. */
export const rotateFeedKey = (id: string) => api.send<FeedKeyCreated>('POST', `/api/v1/admin/feed-sources/${enc(id)}/keys`);
export const revokeFeedKey = (id: string, keyId: string) => api.send<void>('DELETE', `/api/v1/admin/feed-sources/${enc(id)}/keys/${enc(keyId)}`);

export const devicesQuery = adminList<{ devices: Device[] }>('devices', 'devices');

/** A new wall screen; its kiosk link is in this answer only. */
export const createDevice = (body: DeviceCreate) => api.send<DeviceCreated>('POST', '/api/v1/admin/devices', { body });
export const revokeDevice = (id: string) => api.send<void>('DELETE', `/api/v1/admin/devices/${enc(id)}`);

export const auditQueryOptions = (path: string | null) =>
  queryOptions({
    queryKey: ['admin', 'audit', path] as const,
    queryFn: ({ signal }) => getJson<AuditListResponse>(path!, signal),
    enabled: path !== null,
    retry,
  });

/**
 * The units a scope can name, as in force today (GET /api/v1/areas, the versioned area registry).
 * A server without the registry route (404) leaves the catalogue's areas to the caller.
 */
export const registryAreasQuery = () =>
  queryOptions({
    queryKey: ['admin', 'areas'] as const,
    queryFn: async ({ signal }): Promise<AreaAt[] | null> => {
      try {
        const body = await getJson<AreaAt[] | { areas: AreaAt[] }>('/api/v1/areas', signal);
        return Array.isArray(body) ? body : body.areas;
      } catch (e) {
        if (e instanceof HttpError && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: 10 * 60_000,
    retry,
  });
