/**
 * Run by owned-process.int.test.ts in a child Node process: starts every helper that spawns a
 * process (broker, database, ingest server), prints their pids as one JSON line, then waits to be
 * killed. The test SIGKILLs this process and checks that nothing it started survives.
 */
import { startMosquitto } from './mosquitto.ts';
import { childPids } from './owned-process.ts';
import { startPostgres } from './postgres.ts';
import { startServerProcess, tempDataDir } from './server-process.ts';

const broker = await startMosquitto();
const db = await startPostgres();
const data = tempDataDir();
const server = await startServerProcess({ dataDir: data.dir });
const pids = { mosquitto: broker.pid(), postgres: db.pid, postgresWorkers: childPids(db.pid), server: server.proc.pid };
process.stdout.write(`${JSON.stringify(pids)}\n`);
setInterval(() => undefined, 60_000);
