import { readConfig } from './config.ts';
import { startSimulator } from './simulator.ts';

/** Standalone entry: env → simulator; stops cleanly on SIGINT/SIGTERM. */
let config;
try {
  config = readConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const sim = startSimulator(config);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second signal forces the exit
    stopping = true;
    void sim.stop();
  });
}
const exit = await sim.finished;
await sim.stop();
process.exitCode = exit === 'not_ready' ? 1 : 0;
