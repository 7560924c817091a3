import type {
  AlertPush,
  Delta,
  DirectivePush,
  HandshakeError,
  Heartbeat,
  Snapshot,
  SubscribeAck,
  WallPinPush,
  WallPlaylist,
  WallScreensPush,
} from '@cityioc/contracts';
import { addOffsetSample, type OffsetSample } from './clock-offset.ts';
import type { QueryClient } from '@tanstack/react-query';
import { followsPushes } from '../queries/push-followed.ts';
import { snapshotKey, snapshotQuery } from '../queries/snapshot.queries.ts';
import { initialLinkState } from './link-status.ts';
import { Listeners } from './listeners.ts';
import { applyDelta } from './live-store.ts';
import type { IocSocket } from './socket.ts';

import type { CellsListener, LiveClientOptions, LiveClientState, LiveDebug } from './live-client.types.ts';

export type { CellsListener, LiveClientOptions, LiveClientState, LiveDebug };

/** A Socket.IO connect_error that refuses the credential (the gateway's `unauthorized` code or message). */
export function isUnauthorizedRefusal(err: Error & { data?: Partial<HandshakeError> }): boolean {
  return err.data?.code === 'unauthorized' || err.message === 'unauthorized';
}

/**
 * Keeps the react-query snapshot cache of the subscribed scopes live.
 * - connect: subscribe, then (re)read the snapshots and the queries pushes keep current; only then does the link count as synced
 * - deltaV1: applied with the pure reducer via setQueryData; a gap or new epoch refetches
 * - heartbeatV1: liveness, the server clock offset, and whether its pushes across nodes get through
 *   (`fanout`): when they come back ('degraded' → 'ok') everything held is re-read, as after a reconnect
 * - disconnect: not synced until the next connect has re-read everything
 */
export class LiveClient {
  private readonly socket: IocSocket;
  private readonly queryClient: QueryClient;
  private readonly scopes: readonly string[];
  private readonly clock: () => number;
  private readonly retryMs: number;
  private readonly ackTimeoutMs: number;
  private readonly debug: LiveDebug;
  private state: LiveClientState;
  private readonly changes = new Listeners<[]>();
  private readonly cells = new Listeners<Parameters<CellsListener>>();
  private readonly alerts = new Listeners<[push: AlertPush]>();
  private readonly directives = new Listeners<[push: DirectivePush]>();
  private readonly playlists = new Listeners<[playlist: WallPlaylist]>();
  private readonly wallPins = new Listeners<[push: WallPinPush]>();
  private readonly wallScreens = new Listeners<[push: WallScreensPush]>();
  /** Recent server − local clock samples (clock-offset.ts): the least delayed one is the offset. */
  private offsetSamples: OffsetSample[] = [];
  /** Bumped on every connect/disconnect so an older sync run stops at its next step. */
  private run = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private unsubscribeCache: (() => void) | null = null;
  private readonly onUnauthorized: (() => void) | null;
  private readonly sessionEnded: (() => Promise<boolean>) | null;
  private readonly sessionCheckMs: number;
  private lastSessionCheck = -Infinity;
  /** Heartbeat intervals seen (the first one sets the period, later ones smooth it). */
  private beatGaps = 0;
  /** Scopes a view follows for a while (a pinned unit), beside the fixed ones: how many views watch each. */
  private readonly watched = new Map<string, number>();
  /** The wall this page shows now (the wall screen mounted), said to the server on every connect; null on every other page. */
  private screenOf: { wall: string } | null = null;

  constructor(opts: LiveClientOptions) {
    this.socket = opts.socket;
    this.queryClient = opts.queryClient;
    this.scopes = opts.scopes;
    this.clock = opts.clock ?? Date.now;
    this.retryMs = opts.retryMs ?? 2000;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 5000;
    this.debug = opts.debug ?? { versions: {}, connected: false };
    this.onUnauthorized = opts.onUnauthorized ?? null;
    this.sessionEnded = opts.sessionEnded ?? null;
    this.sessionCheckMs = opts.sessionCheckMs ?? 10_000;
    this.state = { ...initialLinkState(this.clock()), serverOffsetMs: 0, resyncs: 0, lastHeartbeatAt: null, heartbeatMs: 1000 };
  }

  start(): void {
    this.stopped = false;
    this.listen('on');
    this.unsubscribeCache = this.queryClient.getQueryCache().subscribe((event) => {
      const key = event.query.queryKey;
      if (key[0] !== 'snapshot' || typeof key[1] !== 'string') return;
      const data = event.query.state.data as Snapshot | undefined;
      if (data) this.debug.versions[key[1]] = data.version;
    });
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.run++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listen('off');
    this.unsubscribeCache?.();
    this.socket.disconnect();
  }

  /** Attaches (start) or detaches (stop) the handlers: the one list of what the client listens to. */
  private listen(method: 'on' | 'off'): void {
    const socket = this.socket;
    socket[method]('connect', this.onConnect);
    socket[method]('disconnect', this.onDisconnect);
    socket[method]('connect_error', this.onConnectError);
    socket[method]('deltaV1', this.onDelta);
    socket[method]('heartbeatV1', this.onHeartbeat);
    socket[method]('alertV1', this.alerts.emit);
    socket[method]('directiveV1', this.directives.emit);
    socket[method]('wallPlaylistV1', this.playlists.emit);
    socket[method]('wallPinV1', this.wallPins.emit);
    socket[method]('wallScreensV1', this.wallScreens.emit);
  }

  getState = (): LiveClientState => this.state;

  /**
   * Closes and reopens the socket (the watchdog's re-subscribe): the connect handler subscribes
   * again and re-reads the snapshots before the link counts as synced.
   */
  reconnect(): void {
    if (this.stopped) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  /** Called on every change of the link's state (useSyncExternalStore). */
  subscribe = (listener: () => void): (() => void) => this.changes.add(listener);

  /**
   * Keeps one more scope's snapshot live while the returned function is not called (a unit pinned on
   * the wall: its figures follow the deltas, not only the read at pin time). Subscribed at once when
   * connected (then its snapshot is re-read), and again on every reconnect; unsubscribed when the
   * last view watching it lets go. A fixed scope needs no watching.
   */
  watchScope(scope: string): () => void {
    if (this.scopes.includes(scope)) return () => undefined;
    const n = this.watched.get(scope) ?? 0;
    this.watched.set(scope, n + 1);
    if (n === 0 && this.socket.connected) void this.follow(scope, this.run).catch((err: unknown) => console.warn(`[live] cannot follow ${scope}`, err));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.watched.get(scope) ?? 1) - 1;
      if (left > 0) {
        this.watched.set(scope, left);
        return;
      }
      this.watched.delete(scope);
      if (this.socket.connected) this.socket.emit('unsubscribeV1', [scope]);
    };
  }

  /**
   * This page shows `wall` until the returned function is called (the wall screen mounts and unmounts): the server
   * counts it as a screen of that wall (GET /api/v1/wall/walls) from now and after every reconnect, and no longer
   * once the page leaves the wall for another page of the app, on the same socket.
   */
  showWall(wall: string): () => void {
    const mine = { wall };
    this.screenOf = mine;
    this.sayWall();
    return () => {
      if (this.screenOf !== mine) return; // a later wall (another ?wall=) replaced it
      this.screenOf = null;
      this.sayWall();
    };
  }

  private sayWall(): void {
    if (this.socket.connected) this.socket.emit('wallScreenV1', this.screenOf?.wall ?? null);
  }

  /** Subscribes one watched scope on the open connection, then re-reads its snapshot (the deltas continue from it). */
  private async follow(scope: string, run: number): Promise<void> {
    const ack = await this.subscribeScopes([scope]);
    if (run !== this.run || !this.watched.has(scope)) return;
    if (!ack.ok) throw new Error(ack.error);
    await this.resync(scope);
  }

  /** The fixed scopes, then the watched ones. */
  private allScopes(): string[] {
    return [...this.scopes, ...this.watched.keys()];
  }

  /** Called with the changed cells of every applied delta (for rolling chart buffers). */
  onCells(listener: CellsListener): () => void {
    return this.cells.add(listener);
  }

  /** Called with every alert raised or changed in the subscribed scopes. */
  onAlertPush(listener: (push: AlertPush) => void): () => void {
    return this.alerts.add(listener);
  }

  /** Called with every directive issued or changed for the subscribed units (directiveV1). */
  onDirectivePush(listener: (push: DirectivePush) => void): () => void {
    return this.directives.add(listener);
  }

  /** Called with the wall's playlist each time an administrator stores one (wallPlaylistV1). */
  onWallPlaylist(listener: (playlist: WallPlaylist) => void): () => void {
    return this.playlists.add(listener);
  }

  /** Called with every briefing pin set, released or ended on any wall (wallPinV1). */
  onWallPinPush(listener: (push: WallPinPush) => void): () => void {
    return this.wallPins.add(listener);
  }

  /** Called when a wall's count of open screens changes (wallScreensV1): a screen opened, closed or left the wall. */
  onWallScreensPush(listener: (push: WallScreensPush) => void): () => void {
    return this.wallScreens.add(listener);
  }

  /** The local clock corrected to the server's. */
  serverNow(): number {
    return this.clock() + this.state.serverOffsetMs;
  }

  get debugInfo(): LiveDebug {
    return this.debug;
  }

  private set(patch: Partial<LiveClientState>): void {
    this.state = { ...this.state, ...patch };
    this.changes.emit();
  }

  private readonly onConnect = (): void => {
    this.set({ connected: true, synced: false, refused: null });
    if (this.screenOf) this.sayWall();
    void this.sync(++this.run);
  };

  private readonly onDisconnect = (reason: string): void => {
    this.run++;
    this.set({ connected: false, synced: false });
    // Socket.IO retries by itself except when the server closed the connection on purpose
    // (a restart or a rolling deploy). A wall has nobody to press reload: retry anyway.
    if (reason === 'io server disconnect' && !this.stopped) {
      this.reconnectTimer = setTimeout(() => {
        if (!this.stopped && !this.socket.connected) this.socket.connect();
      }, this.retryMs);
    }
  };

  private readonly onConnectError = (err: Error & { data?: Partial<HandshakeError> }): void => {
    const code = err.data?.code;
    if (code) this.set({ refused: code });
    if (this.stopped) return;
    if (isUnauthorizedRefusal(err)) {
      this.onUnauthorized?.();
      return;
    }
    // A refusal before the gateway (engine, proxy) looks like a network error: ask whether the session ended.
    const now = this.clock();
    if (!this.sessionEnded || !this.onUnauthorized || now - this.lastSessionCheck < this.sessionCheckMs) return;
    this.lastSessionCheck = now;
    const run = this.run;
    void this.sessionEnded().then(
      (ended) => {
        if (ended && !this.stopped && run === this.run) this.onUnauthorized?.();
      },
      () => undefined, // server unreachable: keep retrying, the banner says offline
    );
  };

  private async sync(run: number): Promise<void> {
    const first = !this.state.everSynced;
    try {
      const ack = await this.subscribeScopes(this.scopes);
      if (run !== this.run) return;
      if (!ack.ok) throw new Error(`subscribe refused: ${ack.error}`);
      // the watched scopes apart: one the server refuses (outside a scoped session) never holds up the fixed ones
      const followed: string[] = [];
      for (const w of [...this.watched.keys()]) if ((await this.subscribeScopes([w]).catch(() => null))?.ok) followed.push(w);
      if (run !== this.run) return;
      const scopes = [...this.scopes, ...followed];
      if (first) {
        // Usually already loaded (or loading) by the panels: this reuses the cache or the request in flight. What pushes
        // keep current (a pin, an alert, the playlist) is read again: a read made before the socket listened, or still in
        // flight, may have missed a push sent in between (a wall opened while a leader pinned a unit kept the old view).
        await Promise.all([
          this.queryClient.invalidateQueries({ predicate: followsPushes }),
          ...scopes.map((s) => this.queryClient.fetchQuery(snapshotQuery(s))),
        ]);
      } else {
        // Anything may have changed while we were away: the snapshots are re-read before the link
        // counts as synced, everything else (history windows, catalogue) is invalidated.
        await this.rereadAll(scopes);
      }
      if (run !== this.run) return;
      this.set({
        synced: true,
        everSynced: true,
        lastSignalAt: this.clock(),
        resyncs: first ? this.state.resyncs : this.state.resyncs + 1,
      });
    } catch (err) {
      if (run !== this.run) return;
      console.warn('[live] sync failed, retrying', err);
      this.retryTimer = setTimeout(() => {
        if (run === this.run && this.socket.connected) void this.sync(run);
      }, this.retryMs);
    }
  }

  /**
   * Re-reads a scope's snapshot. A fetch already in flight is joined, not restarted, so a burst of
   * gap deltas (one per tick while the request runs) costs one request.
   */
  private resync(scope: string): Promise<Snapshot> {
    return this.queryClient.fetchQuery({ ...snapshotQuery(scope), staleTime: 0 });
  }

  /** Re-reads the subscribed (and followed) snapshots and invalidates every other query (alerts, directives, pins, history windows). */
  private rereadAll(scopes: readonly string[] = [...this.scopes, ...this.watched.keys()]): Promise<unknown> {
    return Promise.all([
      this.queryClient.invalidateQueries({ predicate: (q) => !this.isSubscribedSnapshot(q.queryKey) }),
      ...scopes.map((s) => this.resync(s)),
    ]);
  }

  private isSubscribedSnapshot(key: readonly unknown[]): boolean {
    return key[0] === 'snapshot' && typeof key[1] === 'string' && (this.scopes.includes(key[1]) || this.watched.has(key[1]));
  }

  private subscribeScopes(scopes: readonly string[]): Promise<SubscribeAck> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('subscribe: no ack')), this.ackTimeoutMs);
      this.socket.emit('subscribeV1', [...scopes], (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  private readonly onDelta = (delta: Delta): void => {
    this.state = { ...this.state, serverOffsetMs: this.offsetAt(delta.serverTime, this.clock()) };
    const key = snapshotKey(delta.scope);
    const current = this.queryClient.getQueryData<Snapshot>(key);
    const result = applyDelta(current, delta);
    if (result.needsResync) {
      void this.resync(delta.scope).catch((err: unknown) => console.warn('[live] resync failed', err));
      return;
    }
    if (result.outcome !== 'applied') return;
    this.queryClient.setQueryData(key, result.state);
    this.cells.emit(delta.scope, delta.changes);
  };

  private readonly onHeartbeat = (hb: Heartbeat): void => {
    const now = this.clock();
    for (const scope of this.allScopes()) {
      const held = this.queryClient.getQueryData<Snapshot>(snapshotKey(scope));
      if (held && held.epoch !== hb.epoch) {
        void this.resync(scope).catch((err: unknown) => console.warn('[live] resync failed', err));
      }
    }
    const last = this.state.lastHeartbeatAt;
    // the period from consecutive beats, smoothed; a gap (an outage) is not a period
    const gap = last === null ? null : now - last;
    let heartbeatMs = this.state.heartbeatMs;
    if (gap !== null && gap > 0 && this.beatGaps++ === 0) heartbeatMs = gap;
    else if (gap !== null && gap > 0 && gap < 3 * heartbeatMs) heartbeatMs = Math.round(0.8 * heartbeatMs + 0.2 * gap);
    // what other nodes pushed while this one's Redis was away (alerts, directives, pins) never reached us: re-read it
    const fanout = hb.fanout === 'degraded' ? 'degraded' : 'ok';
    const caughtUp = this.state.fanout === 'degraded' && fanout === 'ok' && this.state.synced;
    if (caughtUp) void this.rereadAll().catch((err: unknown) => console.warn('[live] catch-up after the fan-out returned failed', err));
    this.set({
      lastSignalAt: now,
      lastHeartbeatAt: now,
      heartbeatMs,
      serverOffsetMs: this.offsetAt(hb.serverTime, now),
      fanout,
      resyncs: caughtUp ? this.state.resyncs + 1 : this.state.resyncs,
    });
  };

  /** The offset estimate after a message stamped `serverTime` was handled at local `now`. */
  private offsetAt(serverTime: number, now: number): number {
    const r = addOffsetSample(this.offsetSamples, { at: now, offset: serverTime - now });
    this.offsetSamples = r.samples;
    return r.offset;
  }
}
