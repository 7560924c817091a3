/**
 * A tiny valid PMTiles v3 archive, written by hand for tests (no library writes PMTiles on npm):
 * the 127-byte header, an uncompressed root directory of one entry per tile, JSON metadata and
 * the tile bytes. Layout and varint directory encoding as in the PMTiles v3 specification.
 */

function varint(n: number, out: number[]): void {
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** The tile id of z/x/y on the Hilbert curve (z0 → 0, z1 → 1…4); only z ≤ 1 is needed here. */
export function tileId(z: number, x: number, y: number): number {
  if (z === 0) return 0;
  if (z !== 1) throw new Error('tileId: only z 0 and 1 in this helper');
  const order = [
    [0, 0],
    [0, 1],
    [1, 1],
    [1, 0],
  ];
  return 1 + order.findIndex(([a, b]) => a === x && b === y);
}

export interface TinyPmtiles {
  bytes: Buffer;
  /** Where each tile's bytes are in the file. */
  tiles: { id: number; offset: number; length: number; data: Buffer }[];
  rootDirectory: { offset: number; length: number };
}

/** Tiles as [tileId, bytes], ids ascending; tile type 2 (PNG), no compression. */
export function tinyPmtiles(tiles: [number, Buffer][], metadata: Record<string, unknown> = { name: 'test' }): TinyPmtiles {
  const dir: number[] = [];
  varint(tiles.length, dir);
  let last = 0;
  for (const [id] of tiles) {
    varint(id - last, dir);
    last = id;
  }
  for (let i = 0; i < tiles.length; i++) varint(1, dir); // run lengths
  for (const [, data] of tiles) varint(data.length, dir);
  let offset = 0;
  for (let i = 0; i < tiles.length; i++) {
    varint(i === 0 ? offset + 1 : 0, dir); // 0: right after the previous tile
    offset += tiles[i]![1].length;
  }
  const root = Buffer.from(dir);
  const meta = Buffer.from(JSON.stringify(metadata));
  const data = Buffer.concat(tiles.map(([, d]) => d));
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  const rootOffset = 127;
  const metaOffset = rootOffset + root.length;
  const dataOffset = metaOffset + meta.length;
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metaOffset);
  u64(32, meta.length);
  u64(40, dataOffset); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, data.length);
  u64(72, tiles.length);
  u64(80, tiles.length);
  u64(88, tiles.length);
  header[96] = 1; // clustered
  header[97] = 1; // internal compression: none
  header[98] = 1; // tile compression: none
  header[99] = 2; // tile type: png
  header[100] = 0;
  header[101] = 1;
  header.writeInt32LE(Math.round(105.2 * 1e7), 102);
  header.writeInt32LE(Math.round(9.2 * 1e7), 106);
  header.writeInt32LE(Math.round(106.3 * 1e7), 110);
  header.writeInt32LE(Math.round(10.4 * 1e7), 114);
  header[118] = 0;
  header.writeInt32LE(Math.round(105.76 * 1e7), 119);
  header.writeInt32LE(Math.round(9.74 * 1e7), 123);
  let at = dataOffset;
  const placed = tiles.map(([id, d]) => {
    const t = { id, offset: at, length: d.length, data: d };
    at += d.length;
    return t;
  });
  return { bytes: Buffer.concat([header, root, meta, data]), tiles: placed, rootDirectory: { offset: rootOffset, length: root.length } };
}

/** Reads the header fields a client reads first (the root directory's place). */
export function readHeader(h: Buffer): { magic: string; version: number; rootOffset: number; rootLength: number; tileType: number } {
  return {
    magic: h.subarray(0, 7).toString('latin1'),
    version: h[7]!,
    rootOffset: Number(h.readBigUInt64LE(8)),
    rootLength: Number(h.readBigUInt64LE(16)),
    tileType: h[99]!,
  };
}
