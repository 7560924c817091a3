import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { connectorConfigProblems } from './connectors/manager.ts';
import { PID_FILE } from './ops/sqlite-ops.ts';
import { demoAccessText } from './access/demo-access.ts';
import { ConfigError, loadConfig, type Config } from './env.ts';
import { DatabaseConfigError, startingServer, waitForDatabase } from './ops/wait-for-database.ts';

/**
 * The whole configuration, core and connectors (IOC_MQTT_*, IOC_NGSI_*), checked before anything
 * starts: every bad variable is named, with what was expected, in one message.
 */
async function configuration(env: NodeJS.ProcessEnv): Promise<Config> {
  const problems: string[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  problems.push(...(await connectorConfigProblems(env)));
  if (problems.length > 0 || !config) {
    console.error(`configuration error: ${problems.length} bad variable${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(2);
  }
  return config;
}

const listensOnAllInterfaces = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

/** Opens one connection and closes it: does the database answer? */
async function probePostgres(url: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * A database that is not there yet is waited for (one line per try, the password never printed),
 * with /healthz and a 503 /readyz on the port meanwhile; one that refuses us stops the start (exit 2).
 */
async function untilDatabaseAnswers(config: Config): Promise<void> {
  if (!config.databaseUrl) return;
  let reason = 'connecting to PostgreSQL';
  const waiting = startingServer(() => reason);
  // the port taken (another process): keep waiting without it; the real listen reports the port
  waiting.on('error', (e) => console.error(`while waiting for PostgreSQL, port ${config.port} did not open: ${e.message}`));
  let listening = false;
  try {
    await waitForDatabase(
      config.databaseUrl,
      { probe: probePostgres, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), log: (line) => console.error(line) },
      (why) => {
        reason = why;
        if (!listening) {
          listening = true;
          waiting.listen({ host: config.host, port: config.port });
        }
      },
    );
  } catch (e) {
    if (!(e instanceof DatabaseConfigError)) throw e;
    console.error(`configuration error: ${e.message}`);
    process.exit(2);
  } finally {
    if (listening && waiting.listening) await new Promise<void>((r) => waiting.close(() => r()));
  }
}

/** Entry point: env → (database) → app → listen; SIGINT/SIGTERM flush pending writes and close. */
async function main() {
  const config = await configuration(process.env);
  await untilDatabaseAnswers(config);
  const app = await buildApp({ config });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: flushing pending writes');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    rmSync(join(config.dataDir, PID_FILE), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  // `npm run restore` refuses while this process is alive
  writeFileSync(join(config.dataDir, PID_FILE), String(process.pid));
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  app.log.info({ port, host: config.host, store: app.ioc.store.kind, dataDir: config.dataDir }, `CityIOC listening on http://localhost:${port}`);
  if (listensOnAllInterfaces(config.host) && !config.access.behindTlsProxy)
    app.log.warn(
      { host: config.host },
      `listening on every interface (HOST=${config.host}) without TLS in front: sessions and keys would cross the network in clear. ` +
        'Put a TLS proxy in front and set IOC_BEHIND_TLS_PROXY=true, or set HOST=127.0.0.1',
    );
  if (app.ioc.access.demo) console.log(demoAccessText(app.ioc.access.demo, `http://localhost:${port}`));
  if (process.send) process.send({ ready: true, port });
}

void main();
