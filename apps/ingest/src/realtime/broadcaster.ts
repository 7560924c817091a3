import type { Server } from 'socket.io';
import type { AlertPush, ClientToServerEvents, Delta, DirectivePush, Heartbeat, ServerToClientEvents, WallPinPush, WallPlaylist } from '@cityioc/contracts';
import { scopeRoom, WALL_ROOM_PREFIX } from './rooms.ts';

export type IocServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * The only module that emits socket events. Deltas and heartbeats go to this node's sockets only
 * (`io.local`): each node derives its live state from the shared log and numbers its versions
 * under its own epoch. Alerts and directives go through the adapter: with IOC_REDIS_URL, to the
 * rooms on every node.
 */
export class Broadcaster {
  /** The screen counts being sent, one after the other (a later count never overtakes an earlier one on this node). */
  private screensQueue: Promise<void> = Promise.resolve();

  constructor(private readonly io: IocServer) {}

  /** Emits a delta to its scope's room; returns how many sockets of this node the room holds. */
  delta(d: Delta): number {
    const room = scopeRoom(d.scope);
    this.io.local.to(room).emit('deltaV1', d);
    return this.io.sockets.adapter.rooms.get(room)?.size ?? 0;
  }

  /** An alert raised or changed: to the rooms of its area and every scope above it. */
  alert(push: AlertPush, scopes: readonly string[]): void {
    this.io.to(scopes.map(scopeRoom)).emit('alertV1', push);
  }

  /** A directive issued or changed: to the rooms of its responsible units, their ancestors and the city. */
  directive(push: DirectivePush, scopes: readonly string[]): void {
    this.io.to(scopes.map(scopeRoom)).emit('directiveV1', push);
  }

  /** The wall's playlist, stored anew: to every socket of every node (through the adapter), applied by walls at their next scene switch. */
  wallPlaylist(playlist: WallPlaylist): void {
    this.io.emit('wallPlaylistV1', playlist);
  }

  /** A wall's briefing pin changed: to every socket of every node (any signed-in screen may show a wall; GET /api/v1/wall/pin is a read). */
  wallPin(push: WallPinPush): void {
    this.io.emit('wallPinV1', push);
  }

  /** How many screens each wall has open now (their `wallScreenV1` or handshake's `auth.wall`), across nodes: read, never emitted to. */
  async wallScreens(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const socket of await this.io.fetchSockets())
      for (const room of socket.rooms)
        if (room.startsWith(WALL_ROOM_PREFIX)) counts.set(room.slice(WALL_ROOM_PREFIX.length), (counts.get(room.slice(WALL_ROOM_PREFIX.length)) ?? 0) + 1);
    return counts;
  }

  /**
   * These walls' screens opened, closed or moved (the gateway): each wall's count, across nodes, to every socket of
   * every node (`wallScreensV1`; the briefing page reads its list of walls again). A count that cannot be read (an
   * adapter's timeout) is not sent: the page's 30 s poll still brings it.
   */
  wallScreensChanged(walls: readonly string[]): Promise<void> {
    if (walls.length === 0) return this.screensQueue;
    this.screensQueue = this.screensQueue.then(async () => {
      const counts = await this.wallScreens().catch(() => null);
      if (counts) for (const wall of new Set(walls)) this.io.emit('wallScreensV1', { wall, screens: counts.get(wall) ?? 0 });
    });
    return this.screensQueue;
  }

  heartbeat(hb: Heartbeat): void {
    this.io.local.emit('heartbeatV1', hb);
  }
}
