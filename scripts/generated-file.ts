import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The end of every generator script: writes `text` to `target`, or with --check (CI) only compares it with the file
 * (as JSON, so formatting does not count) and exits 1 when the file is missing or out of date, naming `command`.
 */
export function writeOrCheck(target: string, text: string, opts: { what: string; command: string; wrote?: string }): void {
  if (!process.argv.includes('--check')) {
    writeFileSync(target, text);
    console.log(`wrote ${target}${opts.wrote ? ` (${opts.wrote})` : ''}`);
    return;
  }
  let current = 'null';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (JSON.stringify(JSON.parse(current)) !== JSON.stringify(JSON.parse(text))) {
    console.error(`${target} is out of date: run ${opts.command}`);
    process.exit(1);
  }
  console.log(`${opts.what} is up to date`);
}
