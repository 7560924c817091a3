import { createServer, type Server } from 'node:http';

/**
 * A node whose PostgreSQL is not there yet (a compose stack starting, a database restarting) waits
 * for it instead of crash-looping (issue 16): one clear line per attempt, the password never
 * printed, `/readyz` answering 503 "starting" meanwhile. A database that answers but refuses us
 * (wrong password, no such database or role) is a configuration error: waiting would not fix it.
 */

/** Where the URL points, without its credentials: `postgres://ioc@db:5432/ioc`. */
export function databaseTarget(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** SQLSTATEs that waiting cannot cure: 28P01 invalid_password, 28000 invalid_authorization, 3D000 no such database. */
const CONFIG_CODES: Readonly<Record<string, string>> = {
  '28P01': 'the password was refused',
  '28000': 'the role may not connect',
  '3D000': 'the database does not exist',
};

export class DatabaseConfigError extends Error {}

export interface WaitDeps {
  /** Opens and closes one connection; rejects with the driver's error. */
  probe(url: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  log(line: string): void;
}

/** Retry delays: 1 s doubling to 15 s. */
export const retryDelayMs = (attempt: number) => Math.min(1000 * 2 ** attempt, 15_000);

/** Resolves when the database accepts a connection; throws DatabaseConfigError when it refuses us for good. */
export async function waitForDatabase(url: string, deps: WaitDeps, onWait: (reason: string) => void = () => undefined): Promise<void> {
  const target = databaseTarget(url);
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.probe(url);
      if (attempt > 0) deps.log(`PostgreSQL ${target} answers: starting`);
      return;
    } catch (e) {
      const { code, message } = e as { code?: string; message?: string };
      const fatal = code ? CONFIG_CODES[code] : undefined;
      if (fatal) throw new DatabaseConfigError(`IOC_DATABASE_URL (${target}): ${fatal} (SQLSTATE ${code}); check the user, password and database name`);
      const delay = retryDelayMs(attempt);
      // the driver's message names host and port at most, never the password
      const reason = `PostgreSQL ${target} unreachable: ${code ?? message ?? 'no answer'}`;
      onWait(reason);
      deps.log(`${reason}; waiting, next try in ${delay / 1000} s`);
      await deps.sleep(delay);
    }
  }
}

/**
 * While the node waits for its database it already answers on its port: /healthz 200 (the process
 * is alive), /readyz and everything else 503 "starting" with the reason and Retry-After.
 */
export function startingServer(reason: () => string): Server {
  return createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    res
      .writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' })
      .end(JSON.stringify({ statusCode: 503, status: 'starting', error: 'starting', reason: reason(), message: reason() }));
  });
}
