import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFrom, LineWriter, readFirstLine, readLines } from './checkpoint-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cp-lines-'));
  dirs.push(dir);
  return join(dir, 'f');
}

describe('checkpoint lines', () => {
  it('reads back every line written, across 1 MB chunks, multi-byte characters at their edges and a line longer than a chunk', () => {
    const file = tempFile();
    // Vietnamese text keeps its diacritics: 3-byte UTF-8 characters land on the chunk boundaries
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify([`H13.31135-${i}`, 'Phường Ninh Kiều, Cần Thơ — hồ sơ đã trả'.repeat(1 + (i % 3))]));
    lines.splice(12_345, 0, JSON.stringify(['long', 'ệ'.repeat(900_000)]));
    lines.push('');
    lines.push('last');
    const fd = openSync(file, 'w+');
    const out = new LineWriter(fd, 7);
    for (const l of lines) out.line(l);
    const written = out.end();
    closeSync(fd);
    const bytes = readFileSync(file).subarray(7);
    expect(written).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const rd = openSync(file, 'r');
    try {
      expect(hashFrom(rd, 7)).toEqual(written);
      expect([...readLines(rd, 7)]).toEqual(lines);
    } finally {
      closeSync(rd);
    }
  });

  it('reads the first line (null when none ends within its limit), and a last line without its newline', () => {
    const file = tempFile();
    writeFileSync(file, '{"format":"x"}   \nb\nc');
    const rd = openSync(file, 'r');
    try {
      expect(readFirstLine(rd)).toEqual({ line: '{"format":"x"}   ', next: 18 });
      expect(readFirstLine(rd, 10)).toBeNull();
      expect([...readLines(rd, 18)]).toEqual(['b', 'c']);
      expect([...readLines(rd, 0)]).toEqual(['{"format":"x"}   ', 'b', 'c']);
    } finally {
      closeSync(rd);
    }
  });
});
