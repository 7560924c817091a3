/** Socket.IO room of a scope (an area code). */
export const scopeRoom = (scope: string): string => `scope:${scope}`;
/** Most scopes one connection may follow. */
export const MAX_SCOPES_PER_SOCKET = 50;
