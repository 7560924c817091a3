/**
 * A string → string table kept off the V8 heap (issue 16 #7): the packed dossiers of a merged
 * province, millions of them, kept for a year. On the heap each was a key string, a value string and
 * a Map entry: ~4 M live objects that every major GC walked, and V8 kept hundreds of MB of free
 * pages after it. Here each entry is one record of bytes in a chunk (`Buffer`s outside the heap,
 * never scanned), found through an open-addressing hash table of slot numbers in typed arrays:
 * no JS string, object or Map entry per entry. Keys and values are read back as fresh flat strings.
 *
 *   record in a chunk: key byte length (u16 LE) · key (UTF-8) · value (UTF-8)
 *   per slot (typed arrays): chunk, offset, record length (-1: free slot), key hash, a number tag
 *   table: Int32Array of slot + 1 (0 empty), linear probing, load ≤ 1/2, backward-shift deletion
 *
 * A removed or replaced entry leaves dead bytes in its chunk. Compaction, per chunk: when more
 * than half of a chunk's bytes are dead (and it is not the chunk being filled), its live records
 * are copied to the end and the chunk is freed (at once, without a copy, when none is left). So
 * every chunk but the one being filled is at least half live: the dead bytes never pass the live
 * ones plus one chunk. A freed chunk's number is reused.
 *
 * Looked at first (docs/ARCHITECTURE.md, dependency choices): `node-shared-structures` (fixed size,
 * GPL-3.0), `buffer-hashmap` and `big-map` (fixed-size keys and values; big-map cannot delete),
 * `offheap` (a native Rust cache with eviction, not a store), `mnemonist` (its maps keep JS keys on
 * the heap), `lmdb` (a store on disk: every reader and the event path would become I/O).
 */

const HEADER = 2;
const MAX_KEY_BYTES = 0xffff;
const FREE = -1;

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser (linear probing wants good low bits). */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A record's key and value, decoded from its chunk (fresh flat strings). */
function keyIn(buf: Buffer, at: number): string {
  return buf.toString('utf8', at + HEADER, at + HEADER + buf.readUInt16LE(at));
}
function valueIn(buf: Buffer, at: number, length: number): string {
  return buf.toString('utf8', at + HEADER + buf.readUInt16LE(at), at + length);
}

/** The entries of an arena as they were when `frozen()` was called, decoded only as they are read. */
export interface FrozenEntries {
  readonly size: number;
  entries(): Generator<[key: string, value: string]>;
}

function grown<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

export interface ArenaStats {
  entries: number;
  /** Bytes of the live records. */
  liveBytes: number;
  /** Bytes of removed or replaced records not yet reclaimed. */
  deadBytes: number;
  /** Bytes of the chunks held (live + dead + the unfilled end of the last). */
  chunkBytes: number;
  chunks: number;
  /** Chunks compacted (their live records moved) or freed so far. */
  compactions: number;
  /** Bytes of the slot arrays and the hash table. */
  indexBytes: number;
}

export class DossierArena {
  private readonly chunkSize: number;
  private chunks: (Buffer | null)[] = [];
  /** Per chunk: bytes written, bytes dead, live records. */
  private used: number[] = [];
  private dead: number[] = [];
  private records: number[] = [];
  private freeChunks: number[] = [];
  private tail = -1;

  private slotChunk: Int32Array;
  private slotOffset: Int32Array;
  private slotLength: Int32Array;
  private slotHash: Int32Array;
  private slotTag: Float64Array;
  private slotsUsed = 0;
  private freeSlots: number[] = [];

  private table: Int32Array;
  private mask: number;
  private count = 0;
  private deadTotal = 0;
  private liveTotal = 0;
  private compactions = 0;

  constructor(opts: { chunkBytes?: number; slots?: number } = {}) {
    this.chunkSize = opts.chunkBytes ?? 1 << 20;
    const slots = Math.max(16, opts.slots ?? 1024);
    this.slotChunk = new Int32Array(slots);
    this.slotOffset = new Int32Array(slots);
    this.slotLength = new Int32Array(slots);
    this.slotHash = new Int32Array(slots);
    this.slotTag = new Float64Array(slots);
    let cap = 32;
    while (cap < slots * 2) cap *= 2;
    this.table = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    return this.find(key, hashOf(key)) >= 0;
  }

  /** The value of `key` (a fresh flat string), or undefined. */
  get(key: string): string | undefined {
    const slot = this.find(key, hashOf(key));
    return slot < 0 ? undefined : this.valueAt(slot);
  }

  /** The number stored beside `key`'s value, read without decoding it. */
  tag(key: string): number | undefined {
    const slot = this.find(key, hashOf(key));
    return slot < 0 ? undefined : this.slotTag[slot];
  }

  /** Stores (or replaces) `key`'s value, with a number beside it (NaN when none). */
  set(key: string, value: string, tag = NaN): void {
    const keyBytes = Buffer.byteLength(key, 'utf8');
    if (keyBytes > MAX_KEY_BYTES) throw new Error(`arena key of ${keyBytes} bytes, at most ${MAX_KEY_BYTES}`);
    const length = HEADER + keyBytes + Buffer.byteLength(value, 'utf8');
    const hash = hashOf(key);
    const old = this.find(key, hash);
    if (old >= 0) this.remove(old, hash);
    const { chunk, offset } = this.reserve(length);
    const buf = this.chunks[chunk]!;
    buf.writeUInt16LE(keyBytes, offset);
    buf.write(key, offset + HEADER, keyBytes, 'utf8');
    buf.write(value, offset + HEADER + keyBytes, length - HEADER - keyBytes, 'utf8');
    const slot = this.newSlot();
    this.slotChunk[slot] = chunk;
    this.slotOffset[slot] = offset;
    this.slotLength[slot] = length;
    this.slotHash[slot] = hash;
    this.slotTag[slot] = tag;
    this.records[chunk]!++;
    this.liveTotal += length;
    this.insertIntoTable(slot, hash);
  }

  delete(key: string): boolean {
    const hash = hashOf(key);
    const slot = this.find(key, hash);
    if (slot < 0) return false;
    this.remove(slot, hash);
    return true;
  }

  /**
   * Every entry as [key, value, tag]; with `accept`, entries whose tag it refuses are skipped
   * without being decoded. Changes made while going through are safe: an entry set meanwhile may
   * or may not be visited, one removed meanwhile is not.
   */
  *entries(accept?: (tag: number) => boolean): Generator<[string, string, number]> {
    for (let slot = 0; slot < this.slotsUsed; slot++) {
      if (this.slotLength[slot] === FREE) continue;
      const tag = this.slotTag[slot]!;
      if (accept && !accept(tag)) continue;
      yield [this.keyAt(slot), this.valueAt(slot), tag];
    }
  }

  /**
   * The entries as they are now, to be read later while the arena goes on changing (a checkpoint written in chunks
   * across turns of the event loop). Nothing is decoded here: the slot arrays are copied (12 bytes an entry, one
   * memcpy each) and the chunks are held by reference. A chunk is never written over once its bytes are
   * reserved: new records go past its used end or into a new Buffer, and compaction copies records out and drops the
   * chunk. So the held chunks keep every record of the moment, whatever is set, replaced, removed or compacted after.
   */
  frozen(): FrozenEntries {
    const n = this.slotsUsed;
    const chunks = this.chunks.slice();
    const chunkOf = this.slotChunk.slice(0, n);
    const offsetOf = this.slotOffset.slice(0, n);
    const lengthOf = this.slotLength.slice(0, n);
    return {
      size: this.count,
      *entries() {
        for (let slot = 0; slot < n; slot++) {
          const length = lengthOf[slot]!;
          if (length === FREE) continue;
          const buf = chunks[chunkOf[slot]!]!;
          const at = offsetOf[slot]!;
          yield [keyIn(buf, at), valueIn(buf, at, length)];
        }
      },
    };
  }

  /** Every key (a copy). */
  keys(): string[] {
    const out: string[] = [];
    for (let slot = 0; slot < this.slotsUsed; slot++) if (this.slotLength[slot] !== FREE) out.push(this.keyAt(slot));
    return out;
  }

  stats(): ArenaStats {
    let chunkBytes = 0;
    for (const c of this.chunks) chunkBytes += c?.length ?? 0;
    const slotBytes = this.slotChunk.byteLength * 4 + this.slotTag.byteLength;
    return {
      entries: this.count,
      liveBytes: this.liveTotal,
      deadBytes: this.deadTotal,
      chunkBytes,
      chunks: this.chunks.filter((c) => c !== null).length,
      compactions: this.compactions,
      indexBytes: slotBytes + this.table.byteLength,
    };
  }

  private keyAt(slot: number): string {
    return keyIn(this.chunks[this.slotChunk[slot]!]!, this.slotOffset[slot]!);
  }

  private valueAt(slot: number): string {
    return valueIn(this.chunks[this.slotChunk[slot]!]!, this.slotOffset[slot]!, this.slotLength[slot]!);
  }

  /** Whether `slot`'s key is `key`: byte by byte while the key is ASCII (dossier codes are), else decoded. */
  private keyIs(slot: number, key: string): boolean {
    const buf = this.chunks[this.slotChunk[slot]!]!;
    const at = this.slotOffset[slot]! + HEADER;
    const n = buf.readUInt16LE(at - HEADER);
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c >= 0x80) return buf.toString('utf8', at, at + n) === key;
      if (i >= n || buf[at + i] !== c) return false;
    }
    return n === key.length;
  }

  private find(key: string, hash: number): number {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.table[i]!;
      if (s === 0) return -1;
      if (this.slotHash[s - 1] === hash && this.keyIs(s - 1, key)) return s - 1;
    }
  }

  private insertIntoTable(slot: number, hash: number): void {
    if (++this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
    let i = hash & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = slot + 1;
  }

  private rehash(capacity: number): void {
    this.table = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < this.slotsUsed; slot++) {
      if (this.slotLength[slot] === FREE) continue;
      let i = this.slotHash[slot]! & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = slot + 1;
    }
  }

  /** Takes a slot out of the table (backward-shift deletion: no tombstones) and marks its bytes dead. */
  private remove(slot: number, hash: number): void {
    let i = hash & this.mask;
    while (this.table[i] !== slot + 1) i = (i + 1) & this.mask;
    // shift back every later entry of the run that may sit at i (its home is not in (i, j])
    for (let j = (i + 1) & this.mask; this.table[j] !== 0; j = (j + 1) & this.mask) {
      const home = this.slotHash[this.table[j]! - 1]! & this.mask;
      if (i <= j ? home <= i || home > j : home <= i && home > j) {
        this.table[i] = this.table[j]!;
        i = j;
      }
    }
    this.table[i] = 0;
    this.count--;
    const chunk = this.slotChunk[slot]!;
    const length = this.slotLength[slot]!;
    this.slotLength[slot] = FREE;
    this.freeSlots.push(slot);
    this.liveTotal -= length;
    this.dead[chunk]! += length;
    this.deadTotal += length;
    this.records[chunk]!--;
    this.reclaim(chunk);
  }

  /** The compaction rule: a chunk other than the tail goes when it holds no record, or is compacted when more than half dead. */
  private reclaim(chunk: number): void {
    if (chunk === this.tail) return;
    if (this.records[chunk] === 0) this.freeChunk(chunk);
    else if (this.dead[chunk]! * 2 > this.used[chunk]!) this.compact(chunk);
  }

  private compact(chunk: number): void {
    const from = this.chunks[chunk]!;
    for (let slot = 0; slot < this.slotsUsed; slot++) {
      if (this.slotChunk[slot] !== chunk || this.slotLength[slot] === FREE) continue;
      const length = this.slotLength[slot]!;
      const at = this.slotOffset[slot]!;
      const to = this.reserve(length);
      from.copy(this.chunks[to.chunk]!, to.offset, at, at + length);
      this.slotChunk[slot] = to.chunk;
      this.slotOffset[slot] = to.offset;
      this.records[to.chunk]!++;
      this.records[chunk]!--;
    }
    this.freeChunk(chunk);
  }

  private freeChunk(chunk: number): void {
    this.deadTotal -= this.dead[chunk]!;
    this.chunks[chunk] = null;
    this.used[chunk] = 0;
    this.dead[chunk] = 0;
    this.records[chunk] = 0;
    this.freeChunks.push(chunk);
    this.compactions++;
  }

  /** Room for `length` bytes at the end of the tail chunk, or in a new one (the old tail may then be reclaimed). */
  private reserve(length: number): { chunk: number; offset: number } {
    if (this.tail < 0 || this.used[this.tail]! + length > this.chunks[this.tail]!.length) {
      const old = this.tail;
      // a chunk of its own for a record larger than a chunk
      const buf = Buffer.allocUnsafeSlow(Math.max(this.chunkSize, length));
      const chunk = this.freeChunks.pop() ?? this.chunks.length;
      this.chunks[chunk] = buf;
      this.used[chunk] = 0;
      this.dead[chunk] = 0;
      this.records[chunk] = 0;
      this.tail = chunk;
      if (old >= 0) this.reclaim(old);
    }
    const offset = this.used[this.tail]!;
    this.used[this.tail]! += length;
    return { chunk: this.tail, offset };
  }

  private newSlot(): number {
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    if (this.slotsUsed === this.slotLength.length) {
      const n = Math.ceil(this.slotLength.length * 1.5);
      this.slotChunk = grown(this.slotChunk, n);
      this.slotOffset = grown(this.slotOffset, n);
      this.slotLength = grown(this.slotLength, n);
      this.slotHash = grown(this.slotHash, n);
      this.slotTag = grown(this.slotTag, n);
    }
    return this.slotsUsed++;
  }
}
