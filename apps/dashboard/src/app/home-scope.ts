import { CITY_CODE } from '../auth/access.model.ts';

/**
 * The scope the wall and the city-level views show: the city ('92'), or the unit of a scoped
 * session (a district's wall from its kiosk link, a commune operator). Set once at start from the
 * session (main.tsx), before anything reads it; a new session always reloads the page.
 */
let home = CITY_CODE;

export function setHomeScope(code: string): void {
  home = code;
}

export function homeScope(): string {
  return home;
}
