import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { PROTOCOL_VERSION, type HandshakeError, type SubscribeAck } from '@cityioc/contracts';
import type { LiveService } from '../live/live.service.ts';
import type { IocServer } from './broadcaster.ts';
import { MAX_SCOPES_PER_SOCKET, scopeRoom } from './rooms.ts';
import { tokenMatches } from '../plugins/access.ts';

/** Accepts viewers: checks the protocol version and the viewer token, then handles scope subscriptions. */
export function createGateway(httpServer: HttpServer, opts: { live: LiveService; viewerToken: string | null; corsOrigin?: string }): IocServer {
  const io: IocServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    cors: opts.corsOrigin ? { origin: opts.corsOrigin } : undefined,
  });
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { protocol?: unknown; token?: unknown };
    if (auth.protocol !== PROTOCOL_VERSION) {
      const err = new Error('protocol_mismatch') as Error & { data: HandshakeError };
      err.data = { code: 'protocol_mismatch', serverProtocol: PROTOCOL_VERSION };
      return next(err);
    }
    if (opts.viewerToken && !(typeof auth.token === 'string' && tokenMatches(auth.token, opts.viewerToken))) {
      const err = new Error('unauthorized') as Error & { data: HandshakeError };
      err.data = { code: 'unauthorized', serverProtocol: PROTOCOL_VERSION };
      return next(err);
    }
    next();
  });
  io.on('connection', (socket) => {
    socket.on('subscribeV1', (scopes, ack) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: SubscribeAck) => void;
      if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))
        return reply({ ok: false, error: 'scopes must be an array of area codes', unknown: [] });
      const unknown = scopes.filter((s) => !opts.live.state.hasScope(s));
      if (unknown.length > 0) return reply({ ok: false, error: 'unknown scope', unknown });
      const joined = [...socket.rooms].filter((r) => r.startsWith('scope:')).length;
      if (joined + scopes.length > MAX_SCOPES_PER_SOCKET)
        return reply({ ok: false, error: `at most ${MAX_SCOPES_PER_SOCKET} scopes per connection`, unknown: [] });
      void socket.join(scopes.map(scopeRoom));
      reply({ ok: true, scopes: scopes.map((scope) => ({ scope, version: opts.live.state.version(scope) })) });
    });
    socket.on('unsubscribeV1', (scopes) => {
      if (!Array.isArray(scopes)) return;
      for (const s of scopes) if (typeof s === 'string') void socket.leave(scopeRoom(s));
    });
  });
  return io;
}
