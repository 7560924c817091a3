/**
 * Heap snapshots of the soak's page (issue 13 #9: what fills the wall's heap over its first hours),
 * taken through CDP's HeapProfiler into files under the OS temp dir, and compared by constructor:
 * count and self size of the objects of each (type, name) in two snapshots, largest growth first.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** Takes a heap snapshot of the page behind `cdp` (after a forced GC) and writes it to `file`; returns its text. */
export async function takeHeapSnapshot(cdp: CDPSession, file: string): Promise<string> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const text = chunks.join('');
  writeFileSync(file, text);
  return text;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface ConstructorCount {
  count: number;
  selfBytes: number;
}

/** Objects by `type:name` (a constructor, a closure's name, "(string)", an array...): how many and their self size. */
export function byConstructor(text: string): Map<string, ConstructorCount> {
  const s = JSON.parse(text) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const fType = fields.indexOf('type');
  const fName = fields.indexOf('name');
  const fSize = fields.indexOf('self_size');
  const out = new Map<string, ConstructorCount>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + fType]!]!;
    // strings and code are grouped by their kind, not by their text
    const name = type === 'object' || type === 'closure' || type === 'native' ? `${type}:${s.strings[s.nodes[i + fName]!]}` : `(${type})`;
    const c = out.get(name) ?? { count: 0, selfBytes: 0 };
    c.count++;
    c.selfBytes += s.nodes[i + fSize]!;
    out.set(name, c);
  }
  return out;
}

export interface ConstructorGrowth {
  name: string;
  count: [number, number];
  selfBytes: [number, number];
  deltaBytes: number;
  deltaCount: number;
}

/** The constructors whose self size grew the most from `a` to `b` (and those that shrank most, at the end). */
export function compareSnapshots(a: Map<string, ConstructorCount>, b: Map<string, ConstructorCount>, top = 25): ConstructorGrowth[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  const rows = [...names].map((name) => {
    const x = a.get(name) ?? { count: 0, selfBytes: 0 };
    const y = b.get(name) ?? { count: 0, selfBytes: 0 };
    return {
      name,
      count: [x.count, y.count] as [number, number],
      selfBytes: [x.selfBytes, y.selfBytes] as [number, number],
      deltaBytes: y.selfBytes - x.selfBytes,
      deltaCount: y.count - x.count,
    };
  });
  rows.sort((p, q) => q.deltaBytes - p.deltaBytes);
  return [...rows.slice(0, top), ...rows.slice(-5)];
}
