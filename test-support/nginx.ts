/**
 * A real nginx (Debian's /usr/sbin/nginx) as the reverse proxy in front of several ingest nodes,
 * with its own prefix, temp config and free port: WebSocket upgrade passed through, and
 * `ip_hash` so that Socket.IO's polling requests of one client stay on one node (on loopback every
 * client hashes to the same node while it is up). A node that
 * refuses connections is skipped (proxy_next_upstream), so clients fail over to the others.
 * A missing binary is an error, never a skip. nginx runs in the foreground and dies with the
 * process that started it.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnOwned } from './owned-process.ts';
import { freePort } from './server-process.ts';
import { accepting } from './tcp.ts';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface NginxProxy {
  url: string;
  port: number;
  log(): string;
  stop(): Promise<void>;
}

export async function startNginx(upstreams: readonly string[]): Promise<NginxProxy> {
  if (!existsSync(NGINX_BIN)) throw new Error(`${NGINX_BIN} is missing: install Debian's nginx (apt-get install nginx-light) or set NGINX_BIN`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-nginx-'));
  for (const d of ['logs', 'tmp']) mkdirSync(join(dir, d));
  const conf = join(dir, 'nginx.conf');
  const tmp = (name: string) => `${name}_temp_path ${join(dir, 'tmp', name)};`;
  writeFileSync(
    conf,
    [
      'daemon off;',
      // one process, so that it dies with its parent like every process a test starts (workers would outlive a killed master)
      'master_process off;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'logs', 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  access_log off;`,
      `  ${tmp('client_body')} ${tmp('proxy')} ${tmp('fastcgi')} ${tmp('uwsgi')} ${tmp('scgi')}`,
      '  map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
      '  upstream ioc {',
      '    ip_hash;',
      ...upstreams.map((u) => `    server ${u.replace(/^https?:\/\//, '')} max_fails=1 fail_timeout=2s;`),
      '  }',
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    location / {',
      '      proxy_pass http://ioc;',
      '      proxy_http_version 1.1;',
      '      proxy_set_header Upgrade $http_upgrade;',
      '      proxy_set_header Connection $connection_upgrade;',
      '      proxy_set_header Host $host;',
      '      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '      proxy_connect_timeout 1s;',
      '      proxy_read_timeout 60s;',
      '      proxy_next_upstream error timeout;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  let out = '';
  const proc: ChildProcess = spawnOwned(NGINX_BIN, ['-p', dir, '-c', conf, '-e', join(dir, 'logs', 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: dir,
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<never>((_, rej) => proc.once('exit', (code) => rej(new Error(`nginx exited with ${code}: ${out}`))));
  exited.catch(() => undefined);
  await Promise.race([accepting(port, 10_000, 'nginx'), exited]);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGQUIT');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
