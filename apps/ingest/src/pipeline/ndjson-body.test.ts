import { describe, expect, it } from 'vitest';
import { hasMoreLinesThan, NdjsonBody, textBlocks, type LongLine, type TextBlock } from './ndjson-body.ts';

/** The body cut into network chunks of `size` bytes (wherever that falls, inside characters too). */
function chunked(text: string, size: number): NdjsonBody {
  const all = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
  return new NdjsonBody(chunks, all.length);
}

/** Each line of the blocks with its number, as the route sees them (a line longer than `max` is rejected by its length). */
function lines(blocks: Iterable<TextBlock | LongLine>, max = Infinity): [number, string][] {
  const out: [number, string][] = [];
  for (const b of blocks) {
    if ('longLine' in b) out.push([b.longLine, '<too long>']);
    else b.text.split('\n').forEach((l, i, all) => (i < all.length - 1 || l !== '') && out.push([b.firstLine + i, l.length > max ? '<too long>' : l]));
  }
  return out;
}

describe('textBlocks', () => {
  it('decodes whole lines with their numbers however the body was cut, Vietnamese characters included', () => {
    const text = Array.from({ length: 300 }, (_, i) => (i % 7 === 3 ? '' : `{"id":"d-${i}","tên":"Phường Tân An – Ninh Kiều ${i}"}`)).join('\n');
    const expected = text.split('\n').map((l, i) => [i, l]);
    for (const size of [1, 7, 64, 1000, 1 << 20]) {
      const blocks = [...textBlocks(chunked(text, size), 500, 10_000)];
      expect(lines(blocks), `chunks of ${size}`).toEqual(expected);
      if (size <= 1000) expect(blocks.length).toBeGreaterThan(10);
      for (const b of blocks) if ('text' in b && b !== blocks.at(-1)) expect(b.text.endsWith('\n')).toBe(true);
    }
  });

  it('skips the bytes of a line longer than the limit and goes on with the next line, however large the chunks', () => {
    const long = 'x'.repeat(5_000);
    for (const size of [3, 100, 4_096, 100_000]) {
      const blocks = [...textBlocks(chunked(`a\n${long}\nb\nc\n${long}`, size), 200, 1_000)];
      expect(lines(blocks, 1_000), `chunks of ${size}`).toEqual([
        [0, 'a'],
        [1, '<too long>'],
        [2, 'b'],
        [3, 'c'],
        [4, '<too long>'],
      ]);
      expect(blocks.every((b) => !('text' in b) || b.text.length <= 1_000 + 2 * 200)).toBe(true);
    }
  });

  it('releases the chunks as it reads them', () => {
    const body = chunked('a\nb\nc\n', 2);
    expect([...textBlocks(body, 1, 10)].length).toBe(3);
    expect(body.chunks.every((c) => c.length === 0)).toBe(true);
  });
});

describe('hasMoreLinesThan', () => {
  it('counts lines across chunks only up to the limit', () => {
    expect(hasMoreLinesThan(chunked('a\nb\nc', 1), 3)).toBe(false);
    expect(hasMoreLinesThan(chunked('a\nb\nc\n', 2), 3)).toBe(false);
    expect(hasMoreLinesThan(chunked('a\nb\nc\nd', 3), 3)).toBe(true);
    expect(hasMoreLinesThan(NdjsonBody.of('\n'.repeat(1_000)), 1_000)).toBe(false);
    expect(hasMoreLinesThan(NdjsonBody.of('\n'.repeat(1_001)), 1_000)).toBe(true);
    expect(hasMoreLinesThan(NdjsonBody.of(''), 0)).toBe(false);
  });
});
