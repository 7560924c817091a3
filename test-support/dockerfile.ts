/**
 * Reading Dockerfiles and .dockerignore without a Docker engine, for docker/images.int.test.ts:
 * the instructions per build stage, the exec-form arguments, ENV pairs, and Docker's ignore rules.
 */

export interface Instruction {
  /** Upper-case keyword: FROM, COPY, RUN, CMD … */
  keyword: string;
  /** The rest of the line, continuations joined. */
  args: string;
  /** Index of the build stage (FROM … starts a new one). */
  stage: number;
  /** The stage's name (FROM … AS name), if any. */
  stageName: string | null;
}

export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  let stageName: string | null = null;
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = pending + line;
    pending = '';
    const m = /^(\w+)\s+(.*)$/.exec(full);
    if (!m) throw new Error(`not a Dockerfile instruction: ${full}`);
    const keyword = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (keyword === 'FROM') {
      stage++;
      stageName = /\s+AS\s+(\S+)$/i.exec(args)?.[1] ?? null;
    }
    out.push({ keyword, args, stage, stageName });
  }
  return out;
}

/** The argv of an exec-form instruction (CMD ["node", "x.js"]); throws on the shell form. */
export function execForm(args: string): string[] {
  const json = args.startsWith('[') ? args : args.slice(args.indexOf('['));
  const argv = JSON.parse(json) as unknown;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error(`not an exec form: ${args}`);
  return argv;
}

/** ENV k=v k2=v2 (values without spaces, as ours are). */
export function envPairs(args: string): Record<string, string> {
  return Object.fromEntries(args.split(/\s+/).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** COPY [--from=stage] src… dest */
export function copyArgs(args: string): { from: string | null; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const from = words[0]!.startsWith('--from=') ? words.shift()!.slice('--from='.length) : null;
  const dest = words.pop()!;
  return { from, sources: words, dest };
}

/** Docker's ignore rules: patterns relative to the context root, `*` within a segment, `**` across segments, `!` re-includes. */
export function dockerIgnore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const re = pattern
        .split('/')
        .map((seg) =>
          seg === '**'
            ? '(?:.*)'
            : seg
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
      // a pattern matching a directory excludes everything under it
      return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
    });
  return (path) => {
    let ignored = false;
    for (const r of rules) if (r.re.test(path)) ignored = !r.negate;
    return ignored;
  };
}
