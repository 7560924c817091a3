import type { IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import { fastifyCookie } from '@fastify/cookie';
import proxyaddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, WALL_ID_PATTERN, type HandshakeError, type SubscribeAck, type WallScreenAck } from '@cityioc/contracts';
import type { AccessService } from '../access/access.service.ts';
import { authenticate, SESSION_COOKIE } from '../access/authenticate.ts';
import type { Principal } from '../access/principal.ts';
import type { LiveService } from '../live/live.service.ts';
import type { IocServer } from './broadcaster.ts';
import { MAX_SCOPES_PER_SOCKET, scopeRoom, sessionRoom, WALL_ROOM_PREFIX, wallRoom } from './rooms.ts';

interface SocketData {
  principal: Principal;
}

/** How often the sessions behind open sockets are checked again (idle or absolute end, revocation on another node). */
const SESSION_CHECK_MS = 60_000;

/** Whether a browser's Origin may open a socket: the page's own origin, or one of IOC_CORS_ORIGINS. Clients without an Origin (not browsers) pass. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The Socket.IO gateway: the Origin is checked on the upgrade, the handshake checks the protocol
 * version and authenticates like a request (the session cookie, or `auth.token` for bearer
 * tokens, with the same failed-authentication limiter), and a client joins only the scope rooms
 * inside its own scope, so an alert's notes reach only the rooms of its area and ancestors and
 * nobody outside. Sockets opened with a session close when it ends.
 */
export function createGateway(
  app: FastifyInstance,
  opts: {
    live: LiveService;
    access: AccessService;
    corsOrigins: readonly string[];
    trustedProxies: readonly string[];
    /** The walls whose screens just changed (a screen opened, closed, or left the wall): the broadcaster pushes their counts. */
    onWallScreens?: (walls: readonly string[]) => void;
  },
): IocServer {
  const { live, access } = opts;
  const trust = opts.trustedProxies.length > 0 ? proxyaddr.compile([...opts.trustedProxies]) : () => false;
  const io: IocServer = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    cors: opts.corsOrigins.length > 0 ? { origin: [...opts.corsOrigins], credentials: true } : undefined,
    allowRequest: (req, cb) => cb(originAllowed(req, opts.corsOrigins) ? null : 'origin not allowed', originAllowed(req, opts.corsOrigins)),
  });
  const refuse = (code: HandshakeError['code'], message: string) => {
    const err = new Error(message) as Error & { data: HandshakeError };
    err.data = { code, serverProtocol: PROTOCOL_VERSION };
    return err;
  };
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { protocol?: unknown; token?: unknown };
    if (auth.protocol !== PROTOCOL_VERSION) return next(refuse('protocol_mismatch', 'protocol_mismatch'));
    const cookies = fastifyCookie.parse(socket.request.headers.cookie ?? '');
    const ip = proxyaddr(socket.request, trust);
    void authenticate(access, { bearer: typeof auth.token === 'string' && auth.token ? auth.token : null, session: cookies[SESSION_COOKIE] ?? null, ip }).then(
      (r) => {
        if (!r.principal) return next(refuse('unauthorized', r.error.message));
        (socket.data as SocketData).principal = r.principal;
        if (r.principal.session) void socket.join(sessionRoom(r.principal.session.id));
        next();
      },
      (e: unknown) => next(e instanceof Error ? e : new Error(String(e))),
    );
  });
  const wallId = new RegExp(WALL_ID_PATTERN);
  const screensChanged = (walls: readonly string[]) => {
    if (walls.length > 0) opts.onWallScreens?.(walls);
  };
  const wallsOf = (rooms: Iterable<string>) => [...rooms].filter((r) => r.startsWith(WALL_ROOM_PREFIX)).map((r) => r.slice(WALL_ROOM_PREFIX.length));
  io.on('connection', (socket) => {
    const principal = (socket.data as SocketData).principal;
    // a wall screen says which wall it shows: counted for the leader's wall picker (nothing is sent to the room)
    const wall = (socket.handshake.auth as { wall?: unknown } | undefined)?.wall;
    if (typeof wall === 'string' && wallId.test(wall)) {
      void socket.join(wallRoom(wall));
      screensChanged([wall]);
    }
    // …or says it later, and takes it back when the page leaves the wall (an in-app navigation keeps the socket)
    socket.on('wallScreenV1', (next, ack) => {
      const reply = typeof ack === 'function' ? (ack as (r: WallScreenAck) => void) : () => undefined;
      if (next !== null && (typeof next !== 'string' || !wallId.test(next)))
        return reply({ ok: false, error: `wall must be null or match ${WALL_ID_PATTERN}` });
      const keep = next === null ? null : wallRoom(next);
      const changed: string[] = [];
      for (const room of [...socket.rooms])
        if (room.startsWith(WALL_ROOM_PREFIX) && room !== keep) {
          void socket.leave(room);
          changed.push(room.slice(WALL_ROOM_PREFIX.length));
        }
      if (keep !== null && !socket.rooms.has(keep)) {
        void socket.join(keep);
        changed.push(next!);
      }
      reply({ ok: true, wall: next });
      screensChanged(changed);
    });
    // a closed screen: its walls counted again once it has left their rooms
    let leaving: string[] = [];
    socket.on('disconnecting', () => {
      leaving = wallsOf(socket.rooms);
    });
    socket.on('disconnect', () => screensChanged(leaving));
    socket.on('subscribeV1', (scopes, ack) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: SubscribeAck) => void;
      if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))
        return reply({ ok: false, error: 'scopes must be an array of area codes', unknown: [] });
      const unknown = scopes.filter((s) => !live.state.hasScope(s));
      if (unknown.length > 0) return reply({ ok: false, error: 'unknown scope', unknown });
      const forbidden = scopes.filter((s) => !principal.scope.area(s));
      if (forbidden.length > 0) return reply({ ok: false, error: 'outside your scope', unknown: [], forbidden });
      const joined = [...socket.rooms].filter((r) => r.startsWith('scope:')).length;
      if (joined + scopes.length > MAX_SCOPES_PER_SOCKET)
        return reply({ ok: false, error: `at most ${MAX_SCOPES_PER_SOCKET} scopes per connection`, unknown: [] });
      void socket.join(scopes.map(scopeRoom));
      reply({ ok: true, scopes: scopes.map((scope) => ({ scope, version: live.state.version(scope) })), epoch: live.epoch });
    });
    socket.on('unsubscribeV1', (scopes) => {
      if (!Array.isArray(scopes)) return;
      for (const s of scopes) if (typeof s === 'string') void socket.leave(scopeRoom(s));
    });
  });

  // a logout, a disabled user or a revoked device on this node closes its sockets at once
  access.sessions.onEnd((ids) => io.in(ids.map(sessionRoom)).disconnectSockets(true));
  // …and every minute the sessions behind open sockets are checked again (expiry; changes made on other nodes come at once
  // with several nodes on PostgreSQL: SessionService.recheckAll)
  const checkOpenSockets = () => {
    const sessions = new Set<string>();
    for (const s of io.of('/').sockets.values()) {
      const p = (s.data as SocketData).principal;
      if (p?.session) sessions.add(p.session.id);
    }
    for (const id of sessions)
      void access.sessions.stillValid(id).then((ok) => {
        if (!ok) io.in(sessionRoom(id)).disconnectSockets(true);
      });
  };
  access.sessions.onRecheck(checkOpenSockets);
  const check = setInterval(checkOpenSockets, SESSION_CHECK_MS);
  check.unref();
  app.addHook('onClose', async () => clearInterval(check));
  return io;
}
