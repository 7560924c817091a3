/**
 * Real socket.io clients of a test app listening on a free loopback port: websocket only, no
 * reconnection, each its own connection, speaking this build's protocol unless `auth` says
 * otherwise. `socketClients()` is called once at the top of a test file: the clients a test opens
 * are disconnected after it.
 */
import { afterEach } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck } from '@cityioc/contracts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Listens on a free loopback port; resolves with the app's URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** A client that nobody disconnects for you: prefer socketClients(). */
export function openSocket(url: string, auth: Record<string, unknown>, extraHeaders: Record<string, string> = {}): ClientSocket {
  return connect(url, { auth: { protocol: PROTOCOL_VERSION, ...auth }, extraHeaders, transports: ['websocket'], reconnection: false, forceNew: true });
}

export function socketClients(): (url: string, auth: Record<string, unknown>, extraHeaders?: Record<string, string>) => ClientSocket {
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  return (url, auth, extraHeaders) => {
    const s = openSocket(url, auth, extraHeaders);
    sockets.push(s);
    return s;
  };
}

/** Resolves once the handshake is accepted; rejects with the server's refusal. */
export const connected = (s: ClientSocket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

export const subscribe = (s: ClientSocket, scopes: string[]) => new Promise<SubscribeAck>((r) => s.emit('subscribeV1', scopes, r));
