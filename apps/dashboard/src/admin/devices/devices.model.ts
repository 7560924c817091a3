import type { ErrorText } from '../../auth/error-text.ts';
import type { Scopes } from '../../auth/session.ts';
import type { DeviceCreate } from '@cityioc/contracts';
import type { FieldErrors } from '../users/users.model.ts';

/** The body of POST /api/v1/admin/devices, or the fields to correct. Pure. */
export function newDeviceBody(name: string, scopes: Scopes): { body: DeviceCreate | null; errors: FieldErrors<'name' | 'scopes'> } {
  const errors: FieldErrors<'name' | 'scopes'> = {};
  const n = name.trim();
  if (n === '' || n.length > 200 || /[\u0000-\u001f\u007f]/.test(n)) errors.name = { key: 'access.validation.deviceName' } satisfies ErrorText;
  if (scopes.units.length === 0 && scopes.agencies.length === 0) errors.scopes = { key: 'access.validation.scope' };
  return Object.keys(errors).length > 0 ? { body: null, errors } : { body: { name: n, scopes }, errors };
}

/** The kiosk link to open on the wall: the server's path (/kiosk/<token>) on this dashboard's origin. */
export function kioskUrl(origin: string, link: string): string {
  if (/^https?:\/\//i.test(link)) return link;
  return `${origin.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}
