import { createHash } from 'node:crypto';
import type { BoundaryVersion, GeoAreaProperties, GeoOutlineProperties } from '@cityioc/contracts';
import { layerStartAt, type AreaRegistry } from '@cityioc/domain';
import type { ReferenceStore } from '../store/reference-store.ts';
import type { PreparedImport } from './boundary-import.ts';

type Geometry = { type: string; coordinates: unknown };
type Feature = { type: 'Feature'; properties: GeoAreaProperties | GeoOutlineProperties; geometry: Geometry };

/** Our own schematic shapes for the units of one period (a layer of the registry), by code. */
export interface SchematicLayer {
  /** The local dates the layer describes: [from, to). */
  from: string;
  to: string | null;
  shapes: ReadonlyMap<string, Geometry>;
  outline: Geometry | null;
}

/** Reads a schematic FeatureCollection file: features by `properties.code`, the outline by `properties.kind === 'outline'`. */
export function schematicLayer(fc: unknown, from: string, to: string | null): SchematicLayer {
  const shapes = new Map<string, Geometry>();
  let outline: Geometry | null = null;
  const features = (fc as { features?: { properties?: { code?: unknown; kind?: unknown }; geometry?: Geometry }[] }).features ?? [];
  for (const f of features) {
    if (!f.geometry) continue;
    if (f.properties?.kind === 'outline') outline = f.geometry;
    else if (typeof f.properties?.code === 'string') shapes.set(f.properties.code, f.geometry);
  }
  return { from, to, shapes, outline };
}

export const BOUNDARY_KIND = 'boundary-import';
const BOUNDARY_KEY = 'boundaries';

interface Imported {
  version: BoundaryVersion;
  /** code → geometry, for the unit versions in force on `version.at` */
  shapes: Map<string, Geometry>;
}

/**
 * The map's geometry by date (GET /api/v1/geo/areas?at=): every unit of the city in force that day
 * with the shape of the latest committed boundary import that carries that very unit version, else
 * our schematic shape, plus the outline. Imports are versioned reference documents (`boundary-import`
 * in the reference store), stored whole or not at all and used at once: the collection of a date is
 * cached per registry layer and invalidated by the next import, whose version is in the ETag.
 */
export class GeoService {
  private imports: Imported[] = [];
  private readonly cache = new Map<string, { etag: string; body: string }>();
  private readonly registryStamp: string;

  constructor(
    private readonly registry: AreaRegistry,
    private readonly reference: ReferenceStore,
    private readonly schematic: readonly SchematicLayer[],
  ) {
    this.registryStamp = createHash('sha256').update(JSON.stringify(registry.file)).digest('hex').slice(0, 10);
  }

  /** Reads every committed import, one body at a time (they are large), before the map is served. */
  async load(): Promise<void> {
    const heads = await this.reference.referenceHeads(BOUNDARY_KIND);
    const loaded: Imported[] = [];
    for (const h of heads) {
      const body = (await this.reference.referenceBody(BOUNDARY_KIND, h.key, h.version)) as PreparedImport | undefined;
      if (body) loaded.push(this.toImported(body, h.version, h.storedAt, h.origin));
    }
    this.imports = loaded.sort((a, b) => a.version.version - b.version.version);
    this.cache.clear();
  }

  private toImported(body: PreparedImport, version: number, storedAt: number, origin: string): Imported {
    return {
      version: { version, at: body.at, storedAt, origin, fileName: body.fileName, format: body.format, codes: body.features.map((f) => f.code) },
      shapes: new Map(body.features.map((f) => [f.code, f.geometry as Geometry])),
    };
  }

  /** Stores a checked import as the next version (one transaction) and uses it at once. */
  async commit(prepared: PreparedImport, origin: string, now: number): Promise<{ stored: boolean; version: BoundaryVersion }> {
    const [r] = await this.reference.putReferenceItems(BOUNDARY_KIND, [{ key: BOUNDARY_KEY, validFrom: prepared.at, body: prepared, origin }], now);
    const held = this.imports.find((i) => i.version.version === r!.version);
    if (!r!.stored) return { stored: false, version: held!.version };
    if (held) return { stored: true, version: held.version }; // the follower read it first (several nodes: refresh())
    const imported = this.toImported(prepared, r!.version, now, origin);
    this.imports = [...this.imports, imported];
    this.cache.clear();
    return { stored: true, version: imported.version };
  }

  /** Several nodes: uses the imports another node committed since (live/document-follower.ts), one body at a time; returns how many. */
  async refresh(): Promise<number> {
    const held = (v: number) => this.imports.some((i) => i.version.version === v);
    let added = 0;
    for (const h of await this.reference.referenceHeads(BOUNDARY_KIND)) {
      if (held(h.version)) continue;
      const body = (await this.reference.referenceBody(BOUNDARY_KIND, h.key, h.version)) as PreparedImport | undefined;
      if (!body || held(h.version)) continue; // our own commit() may have added it meanwhile
      this.imports = [...this.imports, this.toImported(body, h.version, h.storedAt, h.origin)].sort((a, b) => a.version.version - b.version.version);
      added++;
    }
    if (added > 0) this.cache.clear();
    return added;
  }

  /** Every committed import, newest first. */
  versions(): BoundaryVersion[] {
    return [...this.imports].reverse().map((i) => i.version);
  }

  /** The shape of a unit version in force on `date`: the newest import made for a date that unit version covers, else the schematic layer of that date. */
  private shapeOf(code: string, date: string): { geometry: Geometry; source: string; schematic: boolean } | null {
    const unit = this.registry.areaAt(code, date);
    if (!unit) return null;
    for (let i = this.imports.length - 1; i >= 0; i--) {
      const imp = this.imports[i]!;
      const g = imp.shapes.get(code);
      if (!g) continue;
      const same = this.registry.areaAt(code, imp.version.at);
      if (same && same.validFrom === unit.validFrom) return { geometry: g, source: `import:${imp.version.version}`, schematic: false };
    }
    const layer = this.schematic.find((l) => l.from <= date && (l.to === null || date < l.to));
    const g = code === this.registry.file.root ? null : layer?.shapes.get(code);
    return g ? { geometry: g, source: 'schematic', schematic: true } : null;
  }

  /** True when the unit has a shape on the map of `date` (the analyst drill-down). */
  hasShape(code: string, date: string): boolean {
    return this.shapeOf(code, date) !== null;
  }

  /** The FeatureCollection of a date as JSON text with its ETag (the same text for every date of one registry layer). */
  collection(date: string): { etag: string; body: string } {
    const layer = layerStartAt(this.registry, date);
    const stamp = this.imports.at(-1)?.version.version ?? 0;
    const key = `${layer}|${stamp}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const root = this.registry.file.root;
    const features: Feature[] = [];
    for (const u of this.registry.unitsValidAt(date)) {
      if (u.code === root || !this.registry.ancestorsAt(u.code, date).includes(root)) continue;
      const shape = this.shapeOf(u.code, date);
      if (!shape) continue;
      features.push({
        type: 'Feature',
        properties: { code: u.code, name: u.name, nameEn: u.nameEn, level: u.level, parent: u.parent, schematic: shape.schematic, source: shape.source },
        geometry: shape.geometry,
      });
    }
    const rootUnit = this.registry.areaAt(root, date);
    const outline = this.outlineOf(date);
    if (rootUnit && outline)
      features.unshift({
        type: 'Feature',
        properties: { kind: 'outline', code: root, name: rootUnit.name, schematic: outline.schematic, source: outline.source },
        geometry: outline.geometry,
      });
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    const entry = { etag: `"geo-${this.registryStamp}-${layer}-${stamp}"`, body };
    this.cache.set(key, entry);
    return entry;
  }

  /** The city's outline: an import's feature of the root itself, else the schematic outline of the date's layer. */
  private outlineOf(date: string): { geometry: Geometry; source: string; schematic: boolean } | null {
    const root = this.registry.file.root;
    const unit = this.registry.areaAt(root, date);
    for (let i = this.imports.length - 1; i >= 0 && unit; i--) {
      const imp = this.imports[i]!;
      const g = imp.shapes.get(root);
      if (g && this.registry.areaAt(root, imp.version.at)?.validFrom === unit.validFrom)
        return { geometry: g, source: `import:${imp.version.version}`, schematic: false };
    }
    const layer = this.schematic.find((l) => l.from <= date && (l.to === null || date < l.to));
    return layer?.outline ? { geometry: layer.outline, source: 'schematic', schematic: true } : null;
  }
}
