import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
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
  it('reads back every line written, across 1 MB chunks, multi-byte characters at their edges and a line longer than a chunk', async () => {
    const file = tempFile();
    // Vietnamese text keeps its diacritics: 3-byte UTF-8 characters land on the chunk boundaries
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify([`H13.31135-${i}`, 'Phường Ninh Kiều, Cần Thơ — hồ sơ đã trả'.repeat(1 + (i % 3))]));
    lines.splice(12_345, 0, JSON.stringify(['long', 'ệ'.repeat(900_000)]));
    lines.push('');
    lines.push('last');
    const fh = await open(file, 'w+');
    const out = new LineWriter(fh, 7, 1 << 20);
    for (const l of lines) if (out.line(l)) await out.flush();
    const written = await out.end();
    await fh.close();
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

  it('writes asynchronously: a chunk is written in its own turn of the event loop, and other work runs between two chunks', async () => {
    const file = tempFile();
    // an immediate that re-arms itself runs once per turn of the loop: its count moves only when the writer yields
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const fh = await open(file, 'w');
    const out = new LineWriter(fh, 0, 64 * 1024);
    const line = JSON.stringify(['H13.31135-0000001', 'Hồ sơ đã trả kết quả đúng hạn'.repeat(20)]);
    const turnsAtChunk: number[] = [];
    let lines = 0;
    try {
      for (let i = 0; i < 6_000; i++) {
        lines++;
        if (out.line(line)) {
          // line() only buffers: no turn has passed since the last chunk was written
          turnsAtChunk.push(turns);
          await out.flush();
        }
      }
      await out.end();
    } finally {
      running = false;
      await fh.close();
    }
    expect(lines).toBe(6_000);
    expect(turnsAtChunk.length).toBeGreaterThan(50);
    // every chunk after the first found the loop had turned (the immediate ran) since the one before
    for (let i = 1; i < turnsAtChunk.length; i++) expect(turnsAtChunk[i]!, `chunk ${i}`).toBeGreaterThan(turnsAtChunk[i - 1]!);
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(6_001);
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
