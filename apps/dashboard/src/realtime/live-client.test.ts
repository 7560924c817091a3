import type { Cell, Snapshot } from '@cityioc/contracts';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { wallAlertsQuery } from '../alerts/alerts.queries.ts';
import { FOLLOWS_PUSHES } from '../queries/push-followed.ts';
import { wallPlaylistQuery } from '../queries/wall.queries.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotKey } from '../queries/snapshot.queries.ts';
import { wallPinQuery } from '../wall-pin/wall-pin.queries.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { cell, delta, NOW, snapshot } from '../test/fixtures.ts';
import { LiveClient } from './live-client.ts';
import { linkStatus } from './link-status.ts';
import type { IocSocket } from './socket.ts';

/** The snapshot the fake server answers with, and every URL requested. */
let served: Snapshot;
let requests: string[];
let clock: number;

async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

function setup() {
  const socket = new FakeSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = new LiveClient({
    socket: socket as unknown as IocSocket,
    queryClient,
    scopes: ['92'],
    clock: () => clock,
    retryMs: 5,
  });
  const cached = () => queryClient.getQueryData<Snapshot>(snapshotKey('92'));
  return { socket, queryClient, client, cached };
}

const received = cell('92', null, 'dossiers_received', 1164);
const wl = cell('916', 'wl-can-tho', 'water_level', 150);

beforeEach(() => {
  clock = NOW;
  requests = [];
  served = snapshot([received, wl], { version: 10 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requests.push(url);
      // another scope's snapshot: the same cells under its own scope
      const scope = decodeURIComponent(url.split('/').pop()!);
      return new Response(JSON.stringify(scope === served.scope ? served : { ...served, scope }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LiveClient', () => {
  it('subscribes to its scopes on connect, loads the snapshot, then counts as online', async () => {
    const { socket, client, cached } = setup();
    client.start();
    expect(socket.subscribed).toEqual([['92']]);
    expect(linkStatus(client.getState(), clock)).toBe('connecting');
    await settle();
    expect(requests).toEqual(['/api/v1/snapshot/92']);
    expect(cached()?.version).toBe(10);
    expect(client.getState().synced).toBe(true);
    expect(linkStatus(client.getState(), clock)).toBe('online');
    expect(client.debugInfo.versions).toEqual({ '92': 10 });
  });

  it('applies contiguous deltas to the cache and tells cell listeners', async () => {
    const { socket, client, cached } = setup();
    const seen: Cell[] = [];
    client.onCells((_scope, cells) => seen.push(...cells));
    client.start();
    await settle();
    const changed = { ...wl, value: 152, observedAt: NOW + 5000 };
    socket.fire('deltaV1', delta(10, 12, [changed]));
    expect(cached()?.version).toBe(12);
    expect(cached()?.cells.find((c) => c.key === wl.key)?.value).toBe(152);
    expect(seen).toEqual([changed]);
    expect(client.debugInfo.versions['92']).toBe(12);
    // A stale delta changes nothing and is not forwarded.
    socket.fire('deltaV1', delta(9, 11, [{ ...wl, value: 1 }]));
    expect(cached()?.cells.find((c) => c.key === wl.key)?.value).toBe(152);
    expect(seen).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it('refetches the snapshot on a gap, once for a burst of gap deltas', async () => {
    const { socket, client, cached } = setup();
    client.start();
    await settle();
    served = snapshot([{ ...received, value: 1200 }, wl], { version: 20 });
    socket.fire('deltaV1', delta(15, 16, [{ ...received, value: 999 }]));
    socket.fire('deltaV1', delta(16, 17, [{ ...received, value: 998 }]));
    expect(cached()?.version).toBe(10); // the gap delta itself is not applied
    await settle();
    expect(requests).toEqual(['/api/v1/snapshot/92', '/api/v1/snapshot/92']);
    expect(cached()?.version).toBe(20);
    expect(cached()?.cells[0]?.value).toBe(1200);
    socket.fire('deltaV1', delta(20, 21, [{ ...received, value: 1201 }]));
    expect(cached()?.cells[0]?.value).toBe(1201);
  });

  it('refetches when the server epoch changes (heartbeat or delta)', async () => {
    const { socket, client, cached } = setup();
    client.start();
    await settle();
    served = snapshot([received], { version: 3, epoch: 'e2' });
    socket.fire('heartbeatV1', { serverTime: NOW, epoch: 'e2', seq: 3, tickMs: 250 });
    await settle();
    expect(cached()?.epoch).toBe('e2');
    expect(cached()?.version).toBe(3);
  });

  it('goes offline on disconnect and back online only after re-reading the snapshot', async () => {
    const { socket, client, cached } = setup();
    client.start();
    await settle();
    socket.drop();
    expect(linkStatus(client.getState(), clock)).toBe('offline');
    served = snapshot([{ ...received, value: 1300 }], { version: 40 });
    clock += 30_000;
    socket.connect();
    expect(socket.subscribed).toEqual([['92'], ['92']]);
    expect(linkStatus(client.getState(), clock)).toBe('offline');
    await settle();
    expect(requests).toHaveLength(2);
    expect(cached()?.version).toBe(40);
    expect(client.getState().resyncs).toBe(1);
    expect(linkStatus(client.getState(), clock)).toBe('online');
  });

  it('reconnects by itself when the server closed the connection on purpose', async () => {
    const { socket, client, cached } = setup();
    client.start();
    await settle();
    served = snapshot([received], { version: 50 });
    socket.drop('io server disconnect');
    expect(linkStatus(client.getState(), clock)).toBe('offline');
    await vi.waitFor(() => {
      expect(socket.connected).toBe(true);
      expect(socket.subscribed).toHaveLength(2);
      expect(cached()?.version).toBe(50);
    });
    expect(linkStatus(client.getState(), clock)).toBe('online');
  });

  it('does not reconnect after stop()', async () => {
    const { socket, client } = setup();
    client.start();
    await settle();
    client.stop();
    // any retry the drop scheduled would run here
    vi.useFakeTimers();
    try {
      socket.drop('io server disconnect');
      await vi.runAllTimersAsync();
      expect(socket.connected).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays offline while the subscribe is not acknowledged', async () => {
    const { socket, client } = setup();
    socket.autoAck = false;
    client.start();
    await settle();
    clock += 6000;
    expect(linkStatus(client.getState(), clock)).toBe('offline');
    client.stop();
  });

  it('counts as offline when heartbeats stop for more than 5 s, and tracks the server clock', async () => {
    const { socket, client } = setup();
    client.start();
    await settle();
    socket.fire('heartbeatV1', { serverTime: NOW + 2000, epoch: 'e1', seq: 10, tickMs: 250 });
    expect(client.serverNow()).toBe(NOW + 2000);
    clock += 5001;
    expect(linkStatus(client.getState(), clock)).toBe('offline');
    socket.fire('heartbeatV1', { serverTime: clock + 2000, epoch: 'e1', seq: 10, tickMs: 250 });
    expect(linkStatus(client.getState(), clock)).toBe('online');
  });

  it('shows a degraded fan-out from the heartbeat, and re-reads what it holds when the fan-out returns', async () => {
    const { socket, client, cached, queryClient } = setup();
    client.start();
    await settle();
    const alertsKey = ['alerts', 'open'];
    queryClient.setQueryData(alertsKey, { alerts: [] });
    const beat = (fanout: 'ok' | 'degraded') => socket.fire('heartbeatV1', { serverTime: clock, epoch: 'e1', seq: 10, tickMs: 250, fanout });
    beat('degraded');
    expect(linkStatus(client.getState(), clock)).toBe('degraded');
    beat('degraded');
    await settle();
    expect(requests).toEqual(['/api/v1/snapshot/92']); // nothing re-read while it lasts
    served = snapshot([{ ...received, value: 1500 }, wl], { version: 50 });
    beat('ok');
    expect(linkStatus(client.getState(), clock)).toBe('online');
    await settle();
    expect(requests).toEqual(['/api/v1/snapshot/92', '/api/v1/snapshot/92']);
    expect(cached()?.version).toBe(50);
    expect(queryClient.getQueryState(alertsKey)?.isInvalidated).toBe(true);
    expect(client.getState().resyncs).toBe(1);
    beat('ok');
    await settle();
    expect(requests).toHaveLength(2);
  });

  it('measures the heartbeat period (the watchdog counts missed beats with it), not counting an outage as a period', async () => {
    const { socket, client } = setup();
    client.start();
    await settle();
    expect(client.getState().heartbeatMs).toBe(1000);
    const beat = () => socket.fire('heartbeatV1', { serverTime: clock, epoch: 'e1', seq: 10, tickMs: 250 });
    beat();
    expect(client.getState().lastHeartbeatAt).toBe(clock);
    clock += 500;
    beat();
    expect(client.getState().heartbeatMs).toBe(500);
    clock += 30_000; // an outage
    beat();
    expect(client.getState().heartbeatMs).toBe(500);
    clock += 600;
    beat();
    expect(client.getState().heartbeatMs).toBe(520);
  });

  it('reconnect(): closes and reopens the socket, which re-subscribes and re-reads the snapshot', async () => {
    const { socket, client, cached } = setup();
    client.start();
    await settle();
    served = snapshot([{ ...received, value: 1400 }], { version: 41 });
    client.reconnect();
    expect(socket.subscribed).toEqual([['92'], ['92']]);
    await settle();
    expect(cached()?.version).toBe(41);
    expect(client.getState().resyncs).toBe(1);
    client.stop();
    client.reconnect();
    expect(socket.connected).toBe(false);
  });

  it('reads the queries pushes keep current again once subscribed, on the first connection too (a pin made while the wall connected)', async () => {
    const { queryClient, client } = setup();
    // the wall's own pin, alert and playlist reads are marked: their pushes reach only a connected socket
    expect(wallPinQuery('main').meta).toEqual(FOLLOWS_PUSHES);
    expect(wallAlertsQuery().meta).toEqual(FOLLOWS_PUSHES);
    expect(wallPlaylistQuery().meta).toEqual(FOLLOWS_PUSHES);
    let pin = 'none';
    let otherReads = 0;
    const pinned = new QueryObserver(queryClient, { queryKey: ['wall-pin', 'main'], queryFn: async () => pin, staleTime: Infinity, meta: FOLLOWS_PUSHES });
    const other = new QueryObserver(queryClient, { queryKey: ['geo'], queryFn: async () => ++otherReads, staleTime: Infinity });
    const offs = [pinned.subscribe(() => undefined), other.subscribe(() => undefined)];
    await settle();
    expect(queryClient.getQueryData(['wall-pin', 'main'])).toBe('none');
    // a leader pins between the page's read and its socket's connection: the wallPinV1 push reaches no socket of this page
    pin = 'unit 31150';
    client.start();
    await settle();
    expect(queryClient.getQueryData(['wall-pin', 'main'])).toBe('unit 31150');
    expect(otherReads).toBe(1); // what no push keeps current is not read again
    expect(client.getState().synced).toBe(true);
    offs.forEach((off) => off());
  });

  it('showWall(): names the wall on the open socket and on every connect, and takes it back when the wall unmounts', () => {
    const { socket, client } = setup();
    const leave = client.showWall('main'); // mounted before the socket opened: said on connect
    expect(socket.wallScreens).toEqual([]);
    client.start();
    expect(socket.wallScreens).toEqual(['main']);
    socket.drop();
    socket.connect();
    expect(socket.wallScreens).toEqual(['main', 'main']);
    // an in-app navigation to another page: the socket stays, the wall is taken back, and not said again on a reconnect
    leave();
    leave();
    expect(socket.wallScreens).toEqual(['main', 'main', null]);
    client.reconnect();
    expect(socket.wallScreens).toEqual(['main', 'main', null]);
    // back to the wall, then its ?wall= changed: the older wall's cleanup (run after the new mount) takes nothing back
    const back = client.showWall('main');
    const room = client.showWall('phong-hop');
    back();
    expect(socket.wallScreens).toEqual(['main', 'main', null, 'main', 'phong-hop']);
    room();
    expect(socket.wallScreens.at(-1)).toBeNull();
  });

  it('reports a refused handshake', async () => {
    const { socket, client } = setup();
    client.start();
    socket.fire('connect_error', Object.assign(new Error('refused'), { data: { code: 'protocol_mismatch', serverProtocol: 2 } }));
    expect(client.getState().refused).toBe('protocol_mismatch');
    expect(linkStatus(client.getState(), clock)).toBe('offline');
  });
});

describe('LiveClient without a session', () => {
  const refusal = (message: string, data?: object) => Object.assign(new Error(message), data ? { data } : {});

  it('goes to sign-in on an unauthorized handshake instead of retrying', () => {
    const socket = new FakeSocket();
    const onUnauthorized = vi.fn();
    const client = new LiveClient({ socket: socket as unknown as IocSocket, queryClient: new QueryClient(), scopes: ['92'], onUnauthorized });
    client.start();
    socket.fire('connect_error', refusal('unauthorized', { code: 'unauthorized', serverProtocol: 1 }));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(client.getState().refused).toBe('unauthorized');
    socket.fire('connect_error', refusal('unauthorized'));
    expect(onUnauthorized).toHaveBeenCalledTimes(2);
    client.stop();
  });

  it('asks whether the session ended when a connect fails otherwise, at most once per interval', async () => {
    const socket = new FakeSocket();
    const onUnauthorized = vi.fn();
    let ended = false;
    const sessionEnded = vi.fn(async () => ended);
    const client = new LiveClient({
      socket: socket as unknown as IocSocket,
      queryClient: new QueryClient(),
      scopes: ['92'],
      clock: () => clock,
      onUnauthorized,
      sessionEnded,
      sessionCheckMs: 10_000,
    });
    client.start();
    socket.fire('connect_error', refusal('xhr poll error'));
    await settle();
    expect(sessionEnded).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).not.toHaveBeenCalled(); // still signed in: the server is only away
    socket.fire('connect_error', refusal('xhr poll error'));
    await settle();
    expect(sessionEnded).toHaveBeenCalledTimes(1); // within the interval: not asked again
    ended = true;
    clock += 10_000;
    socket.fire('connect_error', refusal('websocket error'));
    await settle();
    expect(sessionEnded).toHaveBeenCalledTimes(2);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    client.stop();
  });

  it('keeps retrying when the session check cannot reach the server', async () => {
    const socket = new FakeSocket();
    const onUnauthorized = vi.fn();
    const client = new LiveClient({
      socket: socket as unknown as IocSocket,
      queryClient: new QueryClient(),
      scopes: ['92'],
      onUnauthorized,
      sessionEnded: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    client.start();
    socket.fire('connect_error', refusal('xhr poll error'));
    await settle();
    expect(onUnauthorized).not.toHaveBeenCalled();
    client.stop();
  });

  describe('watchScope: a scope followed for a while (a unit pinned on the wall)', () => {
    const unit = (value: number) => cell('31135', 'wl-can-tho', 'water_level', value);
    const held = (qc: QueryClient) => qc.getQueryData<Snapshot>(snapshotKey('31135'));

    it('subscribes it at once, re-reads its snapshot, applies its deltas, and unsubscribes when the last watcher lets go', async () => {
      const { socket, client, queryClient } = setup();
      client.start();
      await settle();
      const stopA = client.watchScope('31135');
      const stopB = client.watchScope('31135');
      await settle();
      expect(socket.subscribed).toEqual([['92'], ['31135']]);
      expect(requests).toEqual(['/api/v1/snapshot/92', '/api/v1/snapshot/31135']);
      socket.fire('deltaV1', delta(10, 11, [unit(171)], { scope: '31135' }));
      expect(held(queryClient)?.cells.find((c) => c.key === unit(0).key)?.value).toBe(171);
      stopA();
      stopA();
      expect(socket.unsubscribed).toEqual([]);
      stopB();
      expect(socket.unsubscribed).toEqual([['31135']]);
      // a fixed scope needs no watching
      client.watchScope('92')();
      expect(socket.subscribed).toHaveLength(2);
      expect(socket.unsubscribed).toHaveLength(1);
      client.stop();
    });

    it('is subscribed again after a reconnect and its snapshot re-read; one the server refuses never holds up the others', async () => {
      const { socket, client } = setup();
      client.start();
      await settle();
      client.watchScope('31135');
      socket.forbidden.add('31999');
      client.watchScope('31999');
      await settle();
      requests = [];
      socket.drop();
      socket.connect();
      await settle();
      expect(socket.subscribed.slice(-3)).toEqual([['92'], ['31135'], ['31999']]);
      expect(client.getState().synced).toBe(true);
      expect(requests.sort()).toEqual(['/api/v1/snapshot/31135', '/api/v1/snapshot/92']);
      client.stop();
    });
  });
});
