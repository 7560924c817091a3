/**
 * The ceiling of the latency and fan-out benchmarks: a bare Socket.IO server in its own process,
 * with nothing of the IOC behind it. Clients connect as they do to the IOC (websocket transport,
 * `subscribeV1` with an acknowledgement) and join one room; on a `run` message from the parent it
 * emits a given delta to that room on a schedule, with its `toVersion` counting up and its
 * `serverTime` set at emission, exactly as the IOC's ticker stamps its deltas.
 * Messages from the parent: { run: { payload, perEmit, everyMs, seconds } } → { done: emitted }.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

interface Run {
  payload: Record<string, unknown>;
  perEmit: number;
  everyMs: number;
  seconds: number;
}

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
const ROOM = 'scope:92';
io.on('connection', (socket) => {
  socket.on('subscribeV1', (_scopes: unknown, ack: unknown) => {
    void socket.join(ROOM);
    if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: true, scopes: [] });
  });
});

let version = 1_000_000;
async function run(r: Run): Promise<number> {
  let emitted = 0;
  const t0 = Date.now();
  for (let k = 0; k * r.everyMs < r.seconds * 1000; k++) {
    const wait = t0 + k * r.everyMs - Date.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    for (let i = 0; i < r.perEmit; i++) {
      io.to(ROOM).emit('deltaV1', { ...r.payload, fromVersion: version, toVersion: ++version, serverTime: Date.now() });
      emitted++;
    }
  }
  return emitted;
}

process.on('message', (m: { run?: Run }) => {
  if (m.run) void run(m.run).then((emitted) => process.send!({ done: emitted }));
});
process.on('disconnect', () => process.exit(0));
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as { port: number };
  process.send!({ ready: true, port });
});
