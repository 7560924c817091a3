import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { PID_FILE } from './ops/sqlite-ops.ts';
import { ConfigError, loadConfig } from './env.ts';

/** Entry point: env → app → listen; SIGINT/SIGTERM flush pending writes and close. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  let app;
  try {
    app = await buildApp({ config });
  } catch (e) {
    // connector settings (IOC_MQTT_*, IOC_NGSI_*) are read while the app is built
    if (e instanceof ConfigError) {
      console.error(`configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
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
  app.log.info({ port, store: app.ioc.store.kind, dataDir: config.dataDir }, `CityIOC listening on http://localhost:${port}`);
  if (process.send) process.send({ ready: true, port });
}

void main();
