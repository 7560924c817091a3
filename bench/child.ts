/** The benchmarks' helper processes (bare Socket.IO server, client processes): started under tsx, driven over IPC. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnOwned } from '../test-support/owned-process.ts';
import { ROOT } from '../test-support/server-process.ts';

export interface Child {
  proc: ChildProcess;
  send(m: unknown): void;
  /** The next message that has `key`. */
  next<T>(key: string): Promise<T>;
  stop(): void;
}

export function startChild(file: string): Child {
  const proc = spawnOwned(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', file)], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: { key: string; resolve: (m: Record<string, unknown>) => void }[] = [];
  const early: Record<string, unknown>[] = [];
  proc.on('message', (m: Record<string, unknown>) => {
    if ('error' in m) throw new Error(`${file}: ${String(m.error)}`);
    const i = waiting.findIndex((w) => w.key in m);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(m);
    else early.push(m);
  });
  return {
    proc,
    send: (m) => proc.send(m as object),
    next: <T>(key: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const i = early.findIndex((m) => key in m);
        if (i >= 0) resolve(early.splice(i, 1)[0]!);
        else waiting.push({ key, resolve });
      }).then((m) => m as T),
    stop: () => void proc.kill('SIGTERM'),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}
