import type { Server } from 'socket.io';
import type { ClientToServerEvents, Delta, Heartbeat, ServerToClientEvents } from '@cityioc/contracts';
import { scopeRoom } from './rooms.ts';

export type IocServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** The only module that emits socket events. */
export class Broadcaster {
  constructor(private readonly io: IocServer) {}

  delta(d: Delta): void {
    this.io.to(scopeRoom(d.scope)).emit('deltaV1', d);
  }

  heartbeat(hb: Heartbeat): void {
    this.io.emit('heartbeatV1', hb);
  }
}
