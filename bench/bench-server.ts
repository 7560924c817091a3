/**
 * What bench/run.ts gives each benchmark: the run's options, where the figures go, the shared tools, and one way to
 * start the compiled server with the bench's feed key, its bench routes and no rate limit in the way.
 */
import { PROCESS_TOKENS, startServerProcess, tempDataDir, type ServerProcess } from '../test-support/server-process.ts';

/** Nine of today's communes and wards of Cần Thơ (since 1 July 2025; the old district codes are refused as areas). */
export const TODAY_AREAS: readonly string[] = ['31120', '31135', '31147', '31150', '31153', '31157', '31162', '31168', '31174'];

/** The bench feed source's API key (IOC_API_KEYS of every server started here). */
export const KEY = 'bench-source-key-0123456789';

export interface BenchServer extends ServerProcess {
  pid: number;
  /** Stops the server and removes its data folder. */
  stop(): Promise<number | null>;
}

/** The compiled server on a free port and a new data folder; `env` adds to or overrides the bench's settings. */
export async function startServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const data = tempDataDir();
  const s = await startServerProcess({
    dataDir: data.dir,
    env: {
      IOC_API_KEYS: `bench:${KEY}`,
      IOC_BENCH_ROUTES: 'true',
      IOC_RATE_LIMIT_PER_MINUTE: '100000000',
      IOC_NDJSON_LIMIT_BYTES: String(256 * 1024 * 1024),
      ...env,
    },
  });
  return {
    ...s,
    pid: s.proc.pid!,
    async stop() {
      const code = await s.stop();
      data.remove();
      return code;
    },
  };
}

export interface BenchDeps {
  root: string;
  quick: boolean;
  key: string;
  results: Record<string, unknown>;
  startServer(env?: Record<string, string>): Promise<Pick<BenchServer, 'url' | 'pid' | 'stop'>>;
  quantile(xs: number[], q: number): number;
  fmt(x: number): string;
  pct(x: number): string;
  /** How many times a figure with a ceiling is measured (--repeat=N, default 3): min / median / max of its ratio are reported. */
  repeat: number;
}

/** A wall screen's kiosk link, made through the admin API for the whole city (issue 11): the wall opens it like a device. */
export async function kioskLink(serverUrl: string, name: string): Promise<string> {
  const device = await fetch(`${serverUrl}/api/v1/admin/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_TOKENS.admin}` },
    body: JSON.stringify({ name, scopes: { units: ['92'], agencies: [] } }),
  });
  const { link } = (await device.json()) as { link: string };
  return `${serverUrl}${link}`;
}
