import { pageOfPath, safeReturnTo, signInHref } from './access.model.ts';

/**
 * Leaves for the sign-in page with the current page as `returnTo` (a full load: the socket and
 * every query start again, without another user's data in memory). Nothing when already there.
 */
export function goToSignIn(lang?: 'vi' | 'en'): void {
  const { pathname, search } = window.location;
  if (pageOfPath(pathname) === 'login') return;
  window.location.replace(signInHref(`${pathname}${search}`, lang));
}

/** After signing in (or out): a full load of `returnTo`, so everything is read again under the new session. */
export function reloadAt(returnTo: string): void {
  window.location.assign(safeReturnTo(returnTo));
}

/** After signing out: the sign-in page, loaded afresh (nothing of the session stays in memory). */
export function reloadAtSignIn(): void {
  window.location.assign('/login');
}
