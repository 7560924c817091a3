import type { Lang } from '../format/format.ts';

/**
 * URL search parameters as the dashboard writes them: flat `key=value` pairs, readable and the
 * same as before the router (`?units=916,919&period=2026-Q4`), not JSON. The router parses and
 * writes every URL through these two functions; each page declares its own parameters, typed and
 * with defaults, in its `*-state.ts` (validateSearch), built from the coercions below.
 */
export type RawSearch = Record<string, unknown>;

/** `?a=1&b=x` → { a: '1', b: 'x' }; a repeated key keeps its first value (as URLSearchParams.get did). */
export function parseSearch(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in out)) out[k] = v;
  return out;
}

/**
 * Back to a query string, keys in the object's order: strings and finite numbers as they are,
 * arrays joined with ',', booleans as '1'/'0'; undefined, null, '' and empty arrays left out.
 */
export function stringifySearch(search: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) {
    const text = Array.isArray(v)
      ? v.map(String).join(',')
      : typeof v === 'boolean'
        ? v
          ? '1'
          : '0'
        : typeof v === 'number'
          ? Number.isFinite(v)
            ? String(v)
            : ''
          : v;
    if (typeof text === 'string' && text !== '') q.set(k, text);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The parameters without those equal to their default: defaults stay out of the URL (the page's
 * validateSearch puts them back). Compared as the URL would write them.
 */
export function withoutDefaults<S extends object>(search: S, defaults: Partial<S>): S {
  const out = { ...search } as Record<string, unknown>;
  for (const [k, v] of Object.entries(defaults)) if (stringifySearch({ v }) === stringifySearch({ v: out[k] })) delete out[k];
  return out as S;
}

/** A value as text: a string, or a finite number written back as a string (URLs carry text). */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The value when it is one of `allowed`, else undefined. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  const s = text(value);
  return s !== undefined && (allowed as readonly string[]).includes(s) ? (s as T) : undefined;
}

/** The value when the whole of it matches `re`, else undefined. */
export function matching(value: unknown, re: RegExp): string | undefined {
  const s = text(value);
  return s !== undefined && re.test(s) ? s : undefined;
}

/** A comma-separated list (or an array): the items that match `re`, trimmed, without repeats, at most `max`. */
export function listOf(value: unknown, re: RegExp, max = Infinity): string[] {
  const items = Array.isArray(value) ? value.map(text) : (text(value) ?? '').split(',');
  const out: string[] = [];
  for (const raw of items) {
    const item = raw?.trim();
    if (item && re.test(item) && !out.includes(item)) out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

/** A number within [min, max], else undefined. */
export function numberIn(value: unknown, min: number, max: number): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

/** Off for '0', 'false', 'off', 'no' (any case) or false; on for anything else, and when absent. */
export function switchOn(value: unknown): boolean {
  if (value === false) return false;
  const s = (text(value) ?? '').toLowerCase();
  return !(s === '0' || s === 'false' || s === 'off' || s === 'no');
}

/** Parameters every page accepts: `?lang=en` opens it in English (kiosk browsers). */
export interface RootSearch {
  lang?: Lang;
}

export function validateRootSearch(raw: RawSearch): RootSearch {
  const lang = oneOf(raw.lang, ['vi', 'en'] as const);
  return lang ? { lang } : {};
}
