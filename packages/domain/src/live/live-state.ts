import { cellKey, type AggregationKind, type Cell, type Observation } from '@cityioc/contracts';
import type { CatalogueIndex } from '../catalogue/catalogue-index.ts';

/** The newest reading of one series: indicator × area × agency × station. */
interface Leaf {
  key: string;
  /** The cells this series feeds, resolved once when the series first appears. */
  nodes: Node[];
  observedAt: number;
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

interface Node {
  key: string;
  area: string;
  station: string | null;
  indicator: string;
  kind: AggregationKind;
  /** Scopes whose view contains this cell. */
  scopes: readonly string[];
  n: number;
  sum: number;
  num: number;
  den: number;
  /** max: the current maximum and the leaf holding it; last: the newest value. */
  best: number | null;
  bestLeaf: string | null;
  bestAt: number;
  bestId: string;
  /** max only: every contributing leaf, to find the new maximum when the holder drops. */
  members: Map<string, Leaf> | null;
  observedAt: number;
  eventId: string;
}

/** A number that may be ±Infinity (JSON has no infinities). */
type Num = number | string;
const enc = (x: number): Num => (Number.isFinite(x) ? x : String(x));
const dec = (x: Num): number => (typeof x === 'number' ? x : Number(x));

/** The serialisable form of a LiveState (see LiveState.exportState); plain JSON. */
export interface LiveStateData {
  lastSeq: number;
  versions: [string, number][];
  /** key, area, station, indicator, kind, scopes, n, sum, num, den, best, bestLeaf, bestAt, bestId, observedAt, eventId */
  nodes: [
    string,
    string,
    string | null,
    string,
    AggregationKind,
    string[],
    number,
    number,
    number,
    number,
    Num | null,
    string | null,
    Num,
    string,
    Num,
    string,
  ][];
  /** key, node keys, observedAt, id, value, numerator, denominator */
  leaves: [string, string[], number, string, number | null, number | null, number | null][];
}

export interface ScopeDelta {
  scope: string;
  fromVersion: number;
  toVersion: number;
  changes: Cell[];
}

/** Newer observation wins; equal times are ordered by id so that any arrival order gives the same state. */
function newer(aAt: number, aId: string, bAt: number, bId: string): boolean {
  return aAt > bAt || (aAt === bAt && aId > bId);
}

/**
 * Incremental live aggregation. Each observation updates its leaf series and, through the
 * area tree, every cell above it: ratios as Σnumerator/Σdenominator, sums, averages, maxima
 * and last values. Pure: no clock, no I/O; the caller applies events in log order.
 *
 * A scope (an area code) sees its own aggregates, its children's aggregates and the
 * stations inside it. Its version is the log position of the last event that changed it.
 */
export class LiveState {
  private readonly leaves = new Map<string, Leaf>();
  private readonly nodes = new Map<string, Node>();
  private readonly scopeCells = new Map<string, Set<string>>();
  private readonly versions = new Map<string, number>();
  private readonly emitted = new Map<string, number>();
  private readonly dirty = new Map<string, Set<string>>();
  private lastSeq = 0;

  constructor(private readonly index: CatalogueIndex) {}

  /** The highest version applied. */
  get seq(): number {
    return this.lastSeq;
  }

  hasScope(scope: string): boolean {
    return this.index.area(scope) !== undefined;
  }

  version(scope: string): number {
    return this.versions.get(scope) ?? 0;
  }

  /**
   * Applies one observation; returns whether any cell changed. `version` (default: the
   * observation's log position) becomes the version of every scope it changes, so it must grow:
   * a caller that feeds derived values as well passes its own counter.
   */
  apply(obs: Observation, version: number = obs.seq): boolean {
    if (version > this.lastSeq) this.lastSeq = version;
    const indicator = this.index.indicator(obs.indicator);
    if (!indicator) return false;
    // stored and rolled up, but a figure of a unit that is not in today's tree on its date drives no live cell
    if (!this.index.inLiveTree(obs.area, obs.observedAt)) return false;
    const leafKey = `${obs.indicator}|${obs.area}|${obs.agency ?? ''}|${obs.station ?? ''}`;
    const old = this.leaves.get(leafKey);
    if (old && !newer(obs.observedAt, obs.id, old.observedAt, old.id)) return false;
    const leaf: Leaf = {
      key: leafKey,
      nodes: old ? old.nodes : this.nodesFor(obs, indicator.aggregation),
      observedAt: obs.observedAt,
      id: obs.id,
      value: obs.value,
      numerator: obs.numerator,
      denominator: obs.denominator,
    };
    this.leaves.set(leafKey, leaf);
    for (const node of leaf.nodes) this.update(node, old, leaf, version);
    return true;
  }

  /**
   * The whole state as plain data, for checkpoints. `include(indicator)` leaves out the series of
   * other indicators (values derived by the server and republished after a restart). Restoring
   * it with `importState` and applying the same later events gives exactly the state a full
   * replay gives: running sums are kept as they are, not recomputed.
   */
  exportState(include: (indicator: string) => boolean = () => true): LiveStateData {
    const nodes: LiveStateData['nodes'] = [];
    for (const n of this.nodes.values()) {
      if (!include(n.indicator)) continue;
      nodes.push([
        n.key,
        n.area,
        n.station,
        n.indicator,
        n.kind,
        [...n.scopes],
        n.n,
        n.sum,
        n.num,
        n.den,
        n.best === null ? null : enc(n.best),
        n.bestLeaf,
        enc(n.bestAt),
        n.bestId,
        enc(n.observedAt),
        n.eventId,
      ]);
    }
    const leaves: LiveStateData['leaves'] = [];
    for (const l of this.leaves.values()) {
      if (!include(l.nodes[0]?.indicator ?? '')) continue;
      leaves.push([l.key, l.nodes.map((n) => n.key), l.observedAt, l.id, l.value, l.numerator, l.denominator]);
    }
    return { lastSeq: this.lastSeq, versions: [...this.versions], nodes, leaves };
  }

  /** Loads a state exported by `exportState` into this (empty) state. Throws on inconsistent data. */
  importState(data: LiveStateData): void {
    if (this.nodes.size > 0 || this.leaves.size > 0) throw new Error('importState needs an empty state');
    // check everything before changing anything, so a bad checkpoint leaves the state empty
    const keys = new Set<string>();
    for (const [key, area, station, indicator] of data.nodes) {
      if (cellKey(area, station, indicator) !== key) throw new Error(`checkpoint cell ${key} does not match its fields`);
      keys.add(key);
    }
    for (const [key, nodeKeys] of data.leaves)
      for (const k of nodeKeys) if (!keys.has(k)) throw new Error(`checkpoint series ${key} refers to a missing cell ${k}`);
    for (const r of data.nodes) {
      const [key, area, station, indicator, kind, scopes] = r;
      const n = this.node(area, station, indicator, kind, scopes);
      if (n.key !== key) throw new Error(`checkpoint cell ${key} does not match its fields`);
      n.n = r[6];
      n.sum = r[7];
      n.num = r[8];
      n.den = r[9];
      n.best = r[10] === null ? null : dec(r[10]);
      n.bestLeaf = r[11];
      n.bestAt = dec(r[12]);
      n.bestId = r[13];
      n.observedAt = dec(r[14]);
      n.eventId = r[15];
    }
    for (const [key, nodeKeys, observedAt, id, value, numerator, denominator] of data.leaves) {
      const nodes = nodeKeys.map((k) => this.nodes.get(k)!);
      const leaf: Leaf = { key, nodes, observedAt, id, value, numerator, denominator };
      this.leaves.set(key, leaf);
      for (const n of nodes) n.members?.set(key, leaf);
    }
    for (const [scope, v] of data.versions) this.versions.set(scope, v);
    this.lastSeq = data.lastSeq;
    this.dirty.clear();
  }

  /** The station cell (if any), then the area's cell and each ancestor's. */
  private nodesFor(obs: Observation, kind: AggregationKind): Node[] {
    const chain = this.index.ancestorsAndSelf(obs.area);
    const nodes: Node[] = [];
    if (obs.station !== null) nodes.push(this.node(obs.area, obs.station, obs.indicator, kind, chain));
    for (let i = 0; i < chain.length; i++) {
      const area = chain[i]!;
      const scopes = i + 1 < chain.length ? [area, chain[i + 1]!] : [area];
      nodes.push(this.node(area, null, obs.indicator, kind, scopes));
    }
    return nodes;
  }

  /** Every cell a scope shows, at its current version. */
  snapshot(scope: string): { version: number; cells: Cell[] } {
    const keys = this.scopeCells.get(scope);
    const cells: Cell[] = [];
    if (keys) for (const k of keys) cells.push(toCell(this.nodes.get(k)!));
    return { version: this.version(scope), cells };
  }

  /** The changes since the last drain, one delta per changed scope, coalesced. */
  drain(): ScopeDelta[] {
    const out: ScopeDelta[] = [];
    for (const [scope, keys] of this.dirty) {
      const toVersion = this.version(scope);
      const changes: Cell[] = [];
      for (const k of keys) changes.push(toCell(this.nodes.get(k)!));
      out.push({ scope, fromVersion: this.emitted.get(scope) ?? 0, toVersion, changes });
      this.emitted.set(scope, toVersion);
    }
    this.dirty.clear();
    return out;
  }

  /** After a rebuild nobody has seen a delta yet: start deltas from the current versions. */
  markAllEmitted(): void {
    this.dirty.clear();
    for (const [scope, v] of this.versions) this.emitted.set(scope, v);
  }

  private node(area: string, station: string | null, indicator: string, kind: AggregationKind, scopes: readonly string[]): Node {
    const key = cellKey(area, station, indicator);
    let n = this.nodes.get(key);
    if (!n) {
      n = {
        key,
        area,
        station,
        indicator,
        kind,
        scopes,
        n: 0,
        sum: 0,
        num: 0,
        den: 0,
        best: null,
        bestLeaf: null,
        bestAt: -Infinity,
        bestId: '',
        members: kind === 'max' ? new Map() : null,
        observedAt: -Infinity,
        eventId: '',
      };
      this.nodes.set(key, n);
      for (const s of scopes) {
        let set = this.scopeCells.get(s);
        if (!set) this.scopeCells.set(s, (set = new Set()));
        set.add(key);
      }
    }
    return n;
  }

  private update(node: Node, old: Leaf | undefined, leaf: Leaf, seq: number): void {
    if (!old) node.n++;
    switch (node.kind) {
      case 'sum':
      case 'avg':
        node.sum += (leaf.value ?? 0) - (old?.value ?? 0);
        break;
      case 'ratio':
        node.num += (leaf.numerator ?? 0) - (old?.numerator ?? 0);
        node.den += (leaf.denominator ?? 0) - (old?.denominator ?? 0);
        break;
      case 'max': {
        node.members!.set(leaf.key, leaf);
        const v = leaf.value ?? -Infinity;
        if (node.best === null || v >= node.best) {
          node.best = v;
          node.bestLeaf = leaf.key;
        } else if (node.bestLeaf === leaf.key) {
          node.best = -Infinity;
          for (const m of node.members!.values()) {
            const mv = m.value ?? -Infinity;
            if (mv >= node.best) {
              node.best = mv;
              node.bestLeaf = m.key;
            }
          }
        }
        break;
      }
      case 'last':
        if (newer(leaf.observedAt, leaf.id, node.bestAt, node.bestId)) {
          node.best = leaf.value;
          node.bestAt = leaf.observedAt;
          node.bestId = leaf.id;
        }
        break;
    }
    if (leaf.observedAt > node.observedAt) node.observedAt = leaf.observedAt;
    node.eventId = leaf.id;
    for (const s of node.scopes) {
      this.versions.set(s, seq);
      let d = this.dirty.get(s);
      if (!d) this.dirty.set(s, (d = new Set()));
      d.add(node.key);
    }
  }
}

function round(x: number): number {
  // Running sums drift by ulps after many add/subtract pairs; 9 significant decimals hide it.
  return Math.round(x * 1e9) / 1e9;
}

function toCell(n: Node): Cell {
  let value: number | null;
  switch (n.kind) {
    case 'sum':
      value = round(n.sum);
      break;
    case 'avg':
      value = n.n > 0 ? round(n.sum / n.n) : null;
      break;
    case 'ratio':
      value = n.den > 0 ? n.num / n.den : null;
      break;
    default:
      value = n.best === null || !Number.isFinite(n.best) ? null : n.best;
  }
  const cell: Cell = {
    key: n.key,
    area: n.area,
    station: n.station,
    indicator: n.indicator,
    value,
    count: n.n,
    observedAt: n.observedAt,
    eventId: n.eventId,
  };
  if (n.kind === 'ratio') {
    cell.numerator = round(n.num);
    cell.denominator = round(n.den);
  }
  return cell;
}
