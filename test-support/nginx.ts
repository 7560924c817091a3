/**
 * A real nginx (Debian's /usr/sbin/nginx) as the reverse proxy in front of several ingest nodes,
 * with its own prefix, temp config and free port: WebSocket upgrade passed through, and
 * `ip_hash` so that Socket.IO's polling requests of one client stay on one node (on loopback every
 * client hashes to the same node while it is up). A node that
 * refuses connections is skipped (proxy_next_upstream), so clients fail over to the others.
 * A missing binary is an error, never a skip. nginx runs in the foreground and dies with the
 * process that started it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type Daemon } from './daemon.ts';

export type NginxProxy = Daemon;

export interface NginxOptions {
  /** 'ip_hash' (default: a client's polling requests stay on one node) or 'round_robin' (websocket-only clients spread over the nodes: the fan-out bench). */
  balance?: 'ip_hash' | 'round_robin';
  /** worker_connections (default 1024); a proxied socket takes two. */
  connections?: number;
}

export function startNginx(upstreams: readonly string[], opts: NginxOptions = {}): Promise<NginxProxy> {
  const connections = opts.connections ?? 1024;
  return startDaemon('nginx', {
    inDir: true,
    stopSignal: 'SIGQUIT',
    prepare(dir, port) {
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
          `worker_rlimit_nofile ${connections + 64};`,
          `events { worker_connections ${connections}; }`,
          'http {',
          `  access_log off;`,
          `  ${tmp('client_body')} ${tmp('proxy')} ${tmp('fastcgi')} ${tmp('uwsgi')} ${tmp('scgi')}`,
          '  map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
          '  upstream ioc {',
          ...(opts.balance === 'round_robin' ? [] : ['    ip_hash;']),
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
      return ['-p', dir, '-c', conf, '-e', join(dir, 'logs', 'error.log')];
    },
  });
}
