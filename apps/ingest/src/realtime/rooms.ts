/** Socket.IO room of a scope (an area code). */
export const scopeRoom = (scope: string): string => `scope:${scope}`;
/** Most scopes one connection may follow. */
export const MAX_SCOPES_PER_SOCKET = 50;
/** The room of the sockets opened with one session (closed together when it ends). */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
/** The room of a wall's screens (handshake `auth.wall`): counted for the leader's wall picker. */
export const WALL_ROOM_PREFIX = 'wall:';
export const wallRoom = (wall: string): string => `${WALL_ROOM_PREFIX}${wall}`;
