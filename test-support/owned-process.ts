/**
 * Processes the tests start (broker, database, ingest server) die with the test process, however
 * it ends: on Linux each one is exec'd through util-linux `setpriv --pdeathsig SIGKILL`, so the
 * kernel kills it when its parent dies, SIGKILL and crashes included; and a process `exit` hook
 * kills whatever is still running when the test process ends normally.
 *
 * The child keeps its own pid (setpriv execs the command), so signals and `proc.pid` reach it.
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

const SETPRIV = '/usr/bin/setpriv';

export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * As root (CI), the user a server runs as: the first of `names` that exists, else a system user
 * `cityioc-pg` created on first use. Null when we are not root (the server runs as us). A server
 * must not change its own uid (mosquitto and PostgreSQL would, or refuse root): a change of
 * credentials clears the parent-death signal, so setpriv changes it first.
 */
export function unprivilegedUser(names: readonly string[]): (RunAs & { name: string }) | null {
  if (userInfo().uid !== 0) return null;
  const lookup = (name: string) => {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
      return { uid: id('-u'), gid: id('-g'), name };
    } catch {
      return null; // not there
    }
  };
  for (const name of [...names, 'cityioc-pg']) {
    const found = lookup(name);
    if (found) return found;
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'cityioc-pg']);
  return lookup('cityioc-pg')!;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** The argv that runs `bin` as a child that dies with this process (and as `user` when given: PostgreSQL refuses root). */
export function ownedArgv(bin: string, args: readonly string[], user?: RunAs | null): [string, string[]] {
  if (!existsSync(SETPRIV)) {
    if (user) throw new Error(`${SETPRIV} is missing (util-linux): needed to run ${bin} as uid ${user.uid}`);
    return [bin, [...args]]; // not Linux/util-linux: the exit hook is the only guard
  }
  const as = user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'] : [];
  // after the uid change: a change of credentials clears the parent-death signal
  return [SETPRIV, [...as, '--pdeathsig', 'SIGKILL', '--', bin, ...args]];
}

/** spawn() for a process owned by this test process: see the module comment. */
export function spawnOwned(bin: string, args: readonly string[], opts: SpawnOptions & { user?: RunAs | null } = {}): ChildProcess {
  const { user, ...spawnOpts } = opts;
  const [cmd, argv] = ownedArgv(bin, args, user);
  const proc = spawn(cmd, argv, spawnOpts);
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  return proc;
}

function procStat(pid: number): { state: string; ppid: number } | null {
  try {
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** True once `pid` no longer runs (gone, or a zombie waiting for its new parent to reap it). */
export function processGone(pid: number): boolean {
  const stat = procStat(pid);
  return stat === null || stat.state === 'Z';
}

/** The live children of `pid` (PostgreSQL's backends and workers, for instance). */
export function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => procStat(p)?.ppid === pid && !processGone(p));
}
