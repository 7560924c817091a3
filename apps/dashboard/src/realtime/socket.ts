import { PROTOCOL_VERSION, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '@cityioc/contracts';
import { io, type Socket } from 'socket.io-client';
import { runtimeConfig, type RuntimeConfig } from '../config.ts';
import { screenWall } from '../wall-pin/wall-pin.model.ts';

/** The one typed socket of the dashboard: events and payloads come from @cityioc/contracts. */
export type IocSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Creates (without connecting) the Socket.IO client. WebSocket first: with several ingest nodes
 * behind a proxy, long-polling would need sticky sessions. The session cookie goes with the
 * handshake (same origin; `withCredentials` for an API on another origin). A wall screen also names
 * its wall (`auth.wall`, read at every connect), so the leader's picker can count its screens.
 */
export function createSocket(cfg: RuntimeConfig = runtimeConfig()): IocSocket {
  const auth: HandshakeAuth = { protocol: PROTOCOL_VERSION };
  if (cfg.viewerToken) auth.token = cfg.viewerToken;
  const options = {
    path: '/socket.io',
    auth: (cb: (data: HandshakeAuth) => void) => {
      const wall = typeof window === 'undefined' ? undefined : screenWall(window.location.pathname, window.location.search);
      cb(wall === undefined ? auth : { ...auth, wall });
    },
    autoConnect: false,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  };
  return cfg.apiBaseUrl ? io(cfg.apiBaseUrl, options) : io(options);
}
