import { createElement, useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A tiny client-side router: the pathname picks the screen, URL search params hold the view
 * state, history.pushState/replaceState change them. Three routes do not justify a dependency.
 * The ingest server (and Vite in development) answer every non-API path with index.html.
 */
export type RouteName = 'wall' | 'operator' | 'alerts' | 'explorer' | 'analyst' | 'reporting';

export const ROUTES: Readonly<Record<RouteName, string>> = {
  wall: '/',
  operator: '/operator',
  alerts: '/operator/alerts',
  explorer: '/analyst',
  analyst: '/analyst/dossiers',
  reporting: '/analyst/reporting',
};

/** Unknown paths show the wall: a wall browser pointed at a stale URL must still show something. */
export function matchRoute(pathname: string): RouteName {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === ROUTES.operator) return 'operator';
  if (p === ROUTES.alerts) return 'alerts';
  if (p === ROUTES.reporting) return 'reporting';
  if (p === ROUTES.analyst) return 'analyst';
  if (p === ROUTES.explorer) return 'explorer';
  return 'wall';
}

export type ParamPatch = Readonly<Record<string, string | number | null | undefined>>;

/** A search string with some params set or removed (null/undefined/'' remove), keeping the others. */
export function withParams(search: string, patch: ParamPatch): string {
  const q = new URLSearchParams(search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const NAVIGATE_EVENT = 'ioc:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(NAVIGATE_EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(NAVIGATE_EVENT, cb);
  };
}

const href = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === href()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface Location {
  pathname: string;
  search: string;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, href, () => '/');
  const i = current.indexOf('?');
  return i < 0 ? { pathname: current, search: '' } : { pathname: current.slice(0, i), search: current.slice(i) };
}

/** The current search params and a setter that patches them (replace: no history entry, for typing or sorting). */
export function useSearchParams(): [URLSearchParams, (patch: ParamPatch, options?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const set = useCallback(
    (patch: ParamPatch, options: { replace?: boolean } = {}) => navigate(pathname + withParams(window.location.search, patch), options),
    [pathname],
  );
  return [new URLSearchParams(search), set];
}

/** An anchor that navigates without reloading (modified clicks open a new tab as usual). */
export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return createElement('a', { ...rest, href: to, onClick: handle });
}
