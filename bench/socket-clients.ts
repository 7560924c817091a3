/**
 * A client process of the fan-out benchmark: opens N Socket.IO clients (websocket transport, as the
 * wall does: `auth: { protocol, token }`, then `subscribeV1` to the city scope) and counts the
 * deltas they receive, with each one's lag from its `serverTime` (the moment the server emitted it).
 * Messages from the parent: { connect: { url, n, token } } → { ready: n }; { report: true } →
 * { received, lags, postLags } (and the counters start again). `postLags`: receive − the newest
 * `observedAt` among the delta's cells, for a bench that stamps each reading with the moment it
 * posts it (fanout2: the whole way from the POST, across nodes); empty for deltas without cells.
 */
import { io, type Socket } from 'socket.io-client';

const sockets: Socket[] = [];
let received = 0;
let lags: number[] = [];
let postLags: number[] = [];

async function connect(url: string, n: number, token: string): Promise<void> {
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const s = io(url, { auth: { protocol: 1, token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(s);
      s.on('deltaV1', (d: { serverTime: number; changes?: { observedAt: number }[] }) => {
        const now = Date.now();
        received++;
        lags.push(now - d.serverTime);
        if (d.changes && d.changes.length > 0) postLags.push(now - Math.max(...d.changes.map((c) => c.observedAt)));
      });
      s.once('connect_error', (e) => reject(e));
      s.once('connect', () =>
        s.emit('subscribeV1', ['92'], (ack: { ok: boolean; error?: string }) => (ack.ok ? resolve() : reject(new Error(`subscribe: ${ack.error}`)))),
      );
    });
  // 50 handshakes at a time: the server authenticates each one like a request
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, one));
}

process.on('message', (m: { connect?: { url: string; n: number; token: string }; report?: true }) => {
  if (m.connect)
    connect(m.connect.url, m.connect.n, m.connect.token).then(
      () => process.send!({ ready: sockets.length }),
      (e: unknown) => process.send!({ error: String(e) }),
    );
  if (m.report) {
    process.send!({ received, lags, postLags });
    received = 0;
    lags = [];
    postLags = [];
  }
});
process.on('disconnect', () => {
  for (const s of sockets) s.close();
  process.exit(0);
});
process.send!({ started: true });
