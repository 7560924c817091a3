/**
 * The images and the compose file, without a Docker engine: every file, command and variable they
 * name exists after the build (tsc -b, which the integration project's global setup runs, and the
 * dashboard's Vite build), and the ingest image's exact entry command, run on the built output with
 * a compose node's environment, gets ready on a real PostgreSQL and passes the image's healthcheck.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyArgs, dockerIgnore, envPairs, execForm, parseDockerfile, type Instruction } from '../test-support/dockerfile.ts';
import { spawnOwned } from '../test-support/owned-process.ts';
import { startPostgres, type PostgresServer } from '../test-support/postgres.ts';
import { startRedis, type RedisServer } from '../test-support/redis.ts';
import { freePort, ROOT, tempDataDir } from '../test-support/server-process.ts';
import { waitUntil } from '../test-support/wait.ts';

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
const COMPOSE_FILE = join(ROOT, 'docker/compose.yml');
const composeText = readFileSync(COMPOSE_FILE, 'utf8');
const compose = parse(composeText) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const envExample = Object.fromEntries(
  readFileSync(join(ROOT, 'docker/.env.example'), 'utf8')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const ignored = dockerIgnore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
const dockerfile = (name: string) => parseDockerfile(readFileSync(join(ROOT, 'docker', name), 'utf8'));
const ingest = dockerfile('ingest.Dockerfile');
const dashboard = dockerfile('dashboard.Dockerfile');
const workspace = ['packages', 'apps'].flatMap((d) =>
  readdirSync(join(ROOT, d)).map((p) => JSON.parse(readFileSync(join(ROOT, d, p, 'package.json'), 'utf8'))),
);
const ingestSource = (dir = join(ROOT, 'apps/ingest/src')): string =>
  readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? ingestSource(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : ''))
    .join('\n');

/** ${VAR} and ${VAR:-default} as compose interpolates them, from the example env file. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, def?: string) => env[name] || def || '');
}

/** Where a path of the build stage (WORKDIR /app, the repository's layout) is in this checkout. */
const inRepo = (p: string) => join(ROOT, p.replace(/^\/app\/?/, ''));

/** Files and folders a context COPY takes, and what of them .dockerignore leaves out. */
function checkContextCopies(instructions: Instruction[]) {
  for (const c of instructions.filter((i) => i.keyword === 'COPY').map((i) => copyArgs(i.args))) {
    if (c.from) continue;
    for (const src of c.sources) {
      expect(existsSync(join(ROOT, src)), `COPY ${src}: not in the build context`).toBe(true);
      expect(ignored(src), `COPY ${src}: excluded by .dockerignore`).toBe(false);
    }
  }
}

/** `pnpm --filter X …`, `tsc -b file` in RUN lines name packages, scripts and files that exist. */
function checkRunCommands(instructions: Instruction[]) {
  for (const run of instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args)) {
    for (const m of run.matchAll(/--filter (\S+?)(?:\.\.\.)?(?:\s+(\w+))?(?=\s|$|&)/g)) {
      const pkg = workspace.find((p) => p.name === m[1]);
      expect(pkg, `RUN … --filter ${m[1]}: no such workspace package`).toBeDefined();
      if (m[2] === 'build') expect(pkg.scripts?.build, `${m[1]} has no build script`).toBeDefined();
    }
    for (const m of run.matchAll(/tsc -[bp] (\S+)/g)) expect(existsSync(join(ROOT, m[1]!)), `RUN tsc: ${m[1]} is missing`).toBe(true);
  }
}

describe('docker/compose.yml', () => {
  it('builds every image from a Dockerfile that exists, with the repository as context', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (!s.build) {
        expect(s.image, `${name}: neither build nor image`).toMatch(/^[\w./-]+:[\w.-]+$/);
        continue;
      }
      expect(join(ROOT, 'docker', s.build.context)).toBe(ROOT.replace(/\/$/, ''));
      expect(existsSync(join(ROOT, s.build.dockerfile)), `${name}: ${s.build.dockerfile}`).toBe(true);
    }
  });

  it('waits on services that exist and have a healthcheck; each ingest node keeps its own /data volume', () => {
    const healthy = (name: string) =>
      compose.services[name]!.healthcheck !== undefined || compose.services[name]!.build?.dockerfile === 'docker/ingest.Dockerfile';
    for (const [name, s] of Object.entries(compose.services))
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(compose.services[dep], `${name} depends on ${dep}`).toBeDefined();
        expect(condition).toBe('service_healthy');
        expect(healthy(dep), `${dep} has no healthcheck`).toBe(true);
      }
    const nodes = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'docker/ingest.Dockerfile');
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    const volumes = nodes.map(([, s]) => s.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0]);
    expect(new Set(volumes).size).toBe(nodes.length);
    for (const v of volumes) expect(Object.keys(compose.volumes)).toContain(v);
  });

  it('passes the dossier memory setting to each node: IOC_DOSSIERS_KEEP_FINISHED, with the default env.ts gives it', async () => {
    // the server's own config loader, imported at run time (this project does not type-check the ingest's sources)
    const envModule = '../apps/ingest/src/env.ts';
    const { loadConfig } = (await import(envModule)) as { loadConfig: (env: Record<string, string>) => { dossiersKeepFinished: number } };
    const nodes = Object.values(compose.services).filter((s) => s.build?.dockerfile === 'docker/ingest.Dockerfile');
    for (const s of nodes) {
      const value = s.environment?.IOC_DOSSIERS_KEEP_FINISHED;
      expect(value).toBe('${IOC_DOSSIERS_KEEP_FINISHED:-10000}');
      // the example file's value, and compose's default when the operator sets none, are what the server uses unset
      for (const env of [envExample, {}]) expect(loadConfig({ IOC_DOSSIERS_KEEP_FINISHED: interpolate(value!, env) }).dossiersKeepFinished).toBe(10_000);
    }
    expect(envExample.IOC_DOSSIERS_KEEP_FINISHED).toBe('10000');
    expect(loadConfig({}).dossiersKeepFinished).toBe(10_000);
    expect(
      loadConfig({ IOC_DOSSIERS_KEEP_FINISHED: interpolate(nodes[0]!.environment!.IOC_DOSSIERS_KEEP_FINISHED!, { IOC_DOSSIERS_KEEP_FINISHED: '500' }) })
        .dossiersKeepFinished,
    ).toBe(500);
  });

  it('names only variables the example env file sets or that have a default, and the server reads each IOC_ one', () => {
    const used = [...composeText.matchAll(/\$\{(\w+)(:-[^}]*)?\}/g)].map((m) => ({ name: m[1]!, hasDefault: m[2] !== undefined }));
    for (const v of used) expect(v.hasDefault || v.name in envExample, `\${${v.name}} is neither in docker/.env.example nor defaulted`).toBe(true);
    for (const name of Object.keys(envExample))
      expect(
        used.map((v) => v.name),
        `docker/.env.example sets ${name}, which compose does not use`,
      ).toContain(name);
    const source = ingestSource();
    const names = new Set([
      ...Object.values(compose.services).flatMap((s) => Object.keys(s.environment ?? {})),
      ...ingest.filter((i) => i.keyword === 'ENV').flatMap((i) => Object.keys(envPairs(i.args))),
    ]);
    for (const name of names) if (name.startsWith('IOC_') || name === 'LOG_LEVEL' || name === 'PORT') expect(source, `${name} is read nowhere`).toContain(name);
  });
});

describe('the images', () => {
  it('.dockerignore keeps what a host built or stored out of the build context', () => {
    for (const p of [
      'node_modules',
      'apps/ingest/node_modules/x',
      'data/ioc.db',
      'apps/ingest/dist/server.js',
      'packages/domain/dist',
      '.test-results',
      'bench-results/x.json',
    ])
      expect(ignored(p), p).toBe(true);
    for (const p of ['apps/ingest/src/server.ts', 'packages/domain/src/index.ts', 'pnpm-lock.yaml', 'docker/proxy/dashboard.conf'])
      expect(ignored(p), p).toBe(false);
  });

  it('ingest: copies sources that exist and, from the build stage, outputs that the build makes; runs as a non-root user owning /data', () => {
    checkContextCopies(ingest);
    checkRunCommands(ingest);
    expect(existsSync(join(ROOT, 'apps/dashboard/dist/index.html')), 'the dashboard is not built: pnpm build').toBe(true);
    const final = ingest.filter((i) => i.stage === Math.max(...ingest.map((x) => x.stage)));
    expect(final.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
    for (const c of final.filter((i) => i.keyword === 'COPY').map((i) => copyArgs(i.args))) {
      expect(c.from).toBe('build');
      for (const src of c.sources) expect(existsSync(inRepo(src)), `COPY --from=build ${src}: not made by the build`).toBe(true);
      // the runtime image keeps the repository's layout: /app/x comes from /app/x
      for (const src of c.sources) expect(c.dest.endsWith('/') ? join('/app', c.dest, src.split('/').pop()!) : join('/app', c.dest)).toBe(src);
    }
    const env = Object.assign({}, ...final.filter((i) => i.keyword === 'ENV').map((i) => envPairs(i.args))) as Record<string, string>;
    expect(statSync(inRepo(env.IOC_DASHBOARD_DIR!)).isDirectory()).toBe(true);
    expect(env.IOC_DATA_DIR).toBe('/data');
    expect(final.find((i) => i.keyword === 'USER')?.args).toBe('node');
    expect(final.find((i) => i.keyword === 'VOLUME')?.args).toBe('/data');
    expect(final.some((i) => i.keyword === 'RUN' && /chown node:node \/data/.test(i.args))).toBe(true);
    const cmd = execForm(final.find((i) => i.keyword === 'CMD')!.args);
    expect(cmd).toEqual(['node', 'apps/ingest/dist/server.js']);
    expect(existsSync(join(ROOT, cmd[1]!))).toBe(true);
    expect(final.some((i) => /tsx/.test(i.args))).toBe(false);
  });

  it('dashboard: copies sources that exist and the Vite build output', () => {
    checkContextCopies(dashboard);
    checkRunCommands(dashboard);
    const fromBuild = dashboard
      .filter((i) => i.keyword === 'COPY')
      .map((i) => copyArgs(i.args))
      .filter((c) => c.from === 'build');
    expect(fromBuild.flatMap((c) => c.sources)).toEqual(['/app/apps/dashboard/dist']);
    expect(existsSync(join(inRepo('/app/apps/dashboard/dist'), 'index.html'))).toBe(true);
  });
});

describe("the ingest image's entry command on the built output", () => {
  let pg: PostgresServer;
  let redis: RedisServer;
  beforeAll(async () => {
    pg = await startPostgres();
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    await pg?.stop();
  });

  it('with the environment of a compose node (a temp /data, a free port, the database on loopback) gets ready and passes the healthcheck', async () => {
    const final = ingest.filter((i) => i.stage === Math.max(...ingest.map((x) => x.stage)));
    const imageEnv = Object.assign({}, ...final.filter((i) => i.keyword === 'ENV').map((i) => envPairs(i.args))) as Record<string, string>;
    const nodeEnv = Object.fromEntries(Object.entries(compose.services['ingest-1']!.environment!).map(([k, v]) => [k, interpolate(v, envExample)]));
    // the compose network's `postgres` host is a loopback server here, with the same role, password and database
    const c = new (await import('pg')).default.Client({ connectionString: pg.url() });
    await c.connect();
    await c.query(`CREATE ROLE cityioc LOGIN PASSWORD '${envExample.POSTGRES_PASSWORD}'`);
    await c.query('CREATE DATABASE cityioc OWNER cityioc');
    await c.end();
    const data = tempDataDir();
    const port = await freePort();
    const env = {
      PATH: process.env.PATH!,
      ...imageEnv,
      ...nodeEnv,
      IOC_DATABASE_URL: nodeEnv.IOC_DATABASE_URL!.replace('@postgres:5432/', `@127.0.0.1:${pg.port}/`),
      // …and its `redis` host a loopback redis-server (the node is not ready without the Redis it is given)
      IOC_REDIS_URL: nodeEnv.IOC_REDIS_URL!.replace('redis://redis:6379', redis.url),
      IOC_DATA_DIR: data.dir,
      IOC_DASHBOARD_DIR: inRepo(imageEnv.IOC_DASHBOARD_DIR!),
      PORT: String(port),
    };
    expect(env.IOC_DATABASE_URL).toContain(`cityioc:${envExample.POSTGRES_PASSWORD}@127.0.0.1:${pg.port}/cityioc`);
    expect(env.IOC_REDIS_URL).toBe(redis.url);
    const [bin, ...args] = execForm(final.find((i) => i.keyword === 'CMD')!.args);
    expect(bin).toBe('node');
    const proc = spawnOwned(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => proc.once('exit', r));
    try {
      const ready = await waitUntil(
        'the node to answer /readyz',
        async () => {
          if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}:\n${out}`);
          const r = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
          return r?.status === 200 && ((await r.json()) as { store: string });
        },
        60_000,
        100,
      );
      expect(ready.store).toBe('postgres');
      expect((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-type')).toMatch(/text\/html/);
      // the image's HEALTHCHECK, exactly, against this port
      const health = final.find((i) => i.keyword === 'HEALTHCHECK')!.args;
      const [hBin, ...hArgs] = execForm(health.slice(health.indexOf('CMD') + 3).trim()).map((a) => a.replace('127.0.0.1:8080', `127.0.0.1:${port}`));
      expect(hBin).toBe('node');
      const code = await new Promise<number | null>((r) => spawn(process.execPath, hArgs, { stdio: 'ignore' }).once('exit', r));
      expect(code).toBe(0);
    } finally {
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      data.remove();
    }
  });
});
