import { HttpError } from '../queries/http.ts';

/** An i18n key and its values: what the page says about a failed request (pure, tested). */
export interface ErrorText {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * The sign-in form's message: wrong credentials, too many attempts (wait N seconds), the server
 * unreachable, or what the server said.
 */
export function signInErrorText(err: unknown): ErrorText {
  if (!(err instanceof HttpError)) return { key: 'auth.error.unreachable' };
  if (err.status === 0) return { key: 'auth.error.unreachable' };
  if (err.status === 401) return { key: 'auth.error.credentials' };
  if (err.status === 429)
    return err.retryAfterSec !== null ? { key: 'auth.error.tooMany', params: { seconds: err.retryAfterSec } } : { key: 'auth.error.tooManyLater' };
  if (err.status === 404) return { key: 'auth.error.noAccounts' };
  if (err.status >= 500) return { key: 'auth.error.server', params: { status: err.status } };
  return { key: 'auth.error.other', params: { message: err.message } };
}

/**
 * Any other request's message: no permission (403), the session's CSRF token refused (reload),
 * the server unreachable, too many requests, or the server's own message (field errors included).
 */
export function requestErrorText(err: unknown): ErrorText {
  if (!(err instanceof HttpError)) return { key: 'auth.error.other', params: { message: err instanceof Error ? err.message : String(err) } };
  if (err.status === 0) return { key: 'auth.error.unreachable' };
  if (err.status === 403 && err.code === 'csrf') return { key: 'auth.error.csrf' };
  if (err.status === 403) return { key: 'auth.forbidden' };
  if (err.status === 401) return { key: 'auth.error.signedOut' };
  if (err.status === 429)
    return err.retryAfterSec !== null ? { key: 'auth.error.slowDown', params: { seconds: err.retryAfterSec } } : { key: 'auth.error.slowDownLater' };
  return { key: 'auth.error.other', params: { message: err.message } };
}
