import type { Role, Scopes, SessionUser } from './session.ts';

/**
 * Who may open which page and see which units, as the dashboard applies it (the server enforces
 * the same on every request; the UI only avoids offering what would be refused). Pure.
 *
 * A session is one of: `null` with `open: true` — a server without accounts (every page, the
 * whole city, as before access control); a signed-in user; or nobody (the sign-in page).
 */
export type AppPage = 'wall' | 'operator' | 'alerts' | 'explorer' | 'analyst' | 'reporting' | 'score766' | 'directives' | 'briefing' | 'admin' | 'login';

/** The pages each role may open; a wall device (kiosk link) opens the wall only. */
export const PAGE_ROLES: Readonly<Record<Exclude<AppPage, 'login'>, readonly Role[]>> = {
  wall: ['leader', 'operator', 'analyst', 'admin'],
  operator: ['leader', 'operator', 'admin'],
  alerts: ['leader', 'operator', 'admin'],
  explorer: ['leader', 'operator', 'analyst', 'admin'],
  analyst: ['leader', 'operator', 'analyst', 'admin'],
  reporting: ['leader', 'operator', 'analyst', 'admin'],
  score766: ['leader', 'operator', 'analyst', 'admin'],
  /** The follow-up of directives: accept or return each unit's answer (the server lets leaders only decide). */
  directives: ['leader'],
  /** Briefing mode: pin a scene or a panel on the wall (the server lets leaders and administrators pin). */
  briefing: ['leader', 'admin'],
  admin: ['admin'],
};

/** Pages in navigation order. */
export const NAV_PAGES: readonly Exclude<AppPage, 'login'>[] = [
  'wall',
  'operator',
  'alerts',
  'explorer',
  'analyst',
  'reporting',
  'score766',
  'directives',
  'briefing',
  'admin',
];

/** `user` null means a server without accounts (open): every page but the admin area, which needs an administrator. */
export function canOpen(user: SessionUser | null, page: AppPage): boolean {
  if (page === 'login') return true;
  if (user === null) return page !== 'admin';
  if (user.kind === 'device') return page === 'wall';
  return PAGE_ROLES[page].includes(user.role);
}

export function visiblePages(user: SessionUser | null): Exclude<AppPage, 'login'>[] {
  return NAV_PAGES.filter((p) => canOpen(user, p));
}

/** Alert actions (acknowledge, assign, resolve, notes): operators and administrators; leaders read. */
export function canActOnAlerts(user: SessionUser | null): boolean {
  return user === null || (user.kind !== 'device' && (user.role === 'operator' || user.role === 'admin'));
}

/** CSV/XLSX files of the session's scope: operators, analysts and administrators (not leaders, not wall devices). */
export function canExport(user: SessionUser | null): boolean {
  return user === null || (user.kind !== 'device' && user.role !== 'leader');
}

/** The page a path opens (the route tree's paths; anything unknown shows the wall). */
export function pageOfPath(pathname: string): AppPage {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (p === '/login') return 'login';
  // the panel gallery (gallery/) is the wall's panels from fixtures: whoever may open the wall, a wall device included
  if (p === '/gallery') return 'wall';
  if (p === '/admin' || p.startsWith('/admin/')) return 'admin';
  if (p === '/operator') return 'operator';
  if (p === '/operator/alerts') return 'alerts';
  if (p === '/operator/directives') return 'directives';
  if (p === '/operator/briefing') return 'briefing';
  if (p === '/analyst') return 'explorer';
  if (p === '/analyst/dossiers') return 'analyst';
  if (p === '/analyst/reporting') return 'reporting';
  if (p === '/analyst/score766') return 'score766';
  return 'wall';
}

/**
 * Where sign-in returns to: a path of this dashboard only (starts with one '/', not '//' or '/\',
 * no scheme, no control characters, not the sign-in page itself); anything else → the wall.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2048) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(raw)) return '/';
  if (pageOfPath(raw.split(/[?#]/)[0]!) === 'login' || raw.startsWith('/api/')) return '/';
  return raw;
}

/** The sign-in page's URL that comes back to `returnTo` afterwards (left out when it is the wall). */
export function signInHref(returnTo: string, lang?: 'vi' | 'en'): string {
  const q = new URLSearchParams();
  const back = safeReturnTo(returnTo);
  if (back !== '/') q.set('returnTo', back);
  if (lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `/login?${s}` : '/login';
}

/** The provider's sign-in (OIDC): the server redirects there and back to `returnTo`. */
export function oidcHref(returnTo: string): string {
  return `/api/v1/auth/oidc/login?${new URLSearchParams({ returnTo: safeReturnTo(returnTo) }).toString()}`;
}

// ---------------------------------------------------------------- scopes

/** The code of the whole city: a scope holding it covers every unit and agency. */
export const CITY_CODE = '92';

/**
 * True when the session sees the whole city: a server without accounts, an administrator, or a
 * scope holding the city's code (as the server's scope filter judges it). An empty scope sees nothing.
 */
export function cityWide(user: SessionUser | null): boolean {
  return user === null || user.role === 'admin' || user.scopes.units.includes(CITY_CODE);
}

/** An area is in scope when it, or a unit above it, is one of the scope's units. */
export function areaInScope(user: SessionUser | null, code: string, parentOf: (code: string) => string | null | undefined): boolean {
  if (cityWide(user)) return true;
  const units = new Set(user!.scopes.units);
  const seen = new Set<string>();
  for (let c: string | null | undefined = code; c && !seen.has(c); c = parentOf(c)) {
    if (units.has(c)) return true;
    seen.add(c);
  }
  return false;
}

/** The areas of a picker the session may choose (order kept). */
export function scopedAreas<T extends { code: string; parent?: string | null }>(user: SessionUser | null, areas: readonly T[]): T[] {
  const parents = new Map(areas.map((a) => [a.code, a.parent ?? null]));
  return areas.filter((a) => areaInScope(user, a.code, (c) => parents.get(c)));
}

/** The agencies of a picker the session may choose: all city-wide, else those its scope names. */
export function scopedAgencies<T extends { code: string }>(user: SessionUser | null, agencies: readonly T[]): T[] {
  if (cityWide(user)) return [...agencies];
  const mine = new Set(user!.scopes.agencies);
  return agencies.filter((a) => mine.has(a.code));
}

/**
 * The scope the wall and the city-level views show: the city when the session sees it all, else
 * the first unit of the scope (a district's wall, a commune operator's figures). An agency-only
 * scope keeps the city's live view, which the server narrows.
 */
export function homeScope(user: SessionUser | null): string {
  if (cityWide(user)) return CITY_CODE;
  return user!.scopes.units[0] ?? CITY_CODE;
}

/** A unit that no longer exists today (a district before 1 July 2025), as the reporting catalogue still names it. */
export interface FormerUnit {
  name: string;
  validTo?: string;
}

/**
 * The display name of a scope's unit: today's unit by its name; a unit that ended (an old district,
 * which a service token may still name for its reports) by its name marked as former — "Quận Ninh
 * Kiều (cũ)" — never its bare code; an unknown code as the code.
 */
export function scopeAreaName(code: string, today: string | undefined, former: FormerUnit | undefined, formerLabel: (name: string) => string): string {
  if (today !== undefined) return today;
  if (former?.validTo !== undefined) return formerLabel(former.name);
  return former?.name ?? code;
}

/**
 * How the header names a scope: 'Toàn thành phố' (city-wide), else the units' then the agencies'
 * names, at most `max`, then '+N'. `names` gives a display name for a code (the code when unknown).
 */
export function scopeNames(
  scopes: Scopes,
  names: { area: (code: string) => string; agency: (code: string) => string },
  max = 2,
): { names: string[]; more: number } {
  const all = [...scopes.units.map(names.area), ...scopes.agencies.map(names.agency)];
  return { names: all.slice(0, max), more: Math.max(0, all.length - max) };
}
