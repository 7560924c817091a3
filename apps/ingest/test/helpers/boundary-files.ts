import { zipSync } from 'fflate';

/**
 * Small boundary files of our own for tests (the real ones may not be shipped), with the quirks of
 * the real files: clockwise outer rings, names without spaces or with lookalike letters, codes as
 * numbers, "NA" strings. Squares around a point; sizes in degrees.
 */
export type Ring = [number, number][];

/** A clockwise square (against RFC 7946, as in the real files) centred on [lon, lat]. */
export function square([lon, lat]: [number, number], half = 0.01): Ring {
  return [
    [lon - half, lat - half],
    [lon - half, lat + half],
    [lon + half, lat + half],
    [lon + half, lat - half],
    [lon - half, lat - half],
  ];
}

export function feature(properties: Record<string, unknown>, ring: Ring, extra: Record<string, unknown> = {}) {
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] }, ...extra };
}

export function collection(features: unknown[]) {
  return { type: 'FeatureCollection', features };
}

/** The same polygons as a TopoJSON Topology (no quantization, one arc per ring). */
export function topology(features: { properties: Record<string, unknown>; ring: Ring }[]) {
  return {
    type: 'Topology',
    objects: { units: { type: 'GeometryCollection', geometries: features.map((f, i) => ({ type: 'Polygon', arcs: [[i]], properties: f.properties })) } },
    arcs: features.map((f) => f.ring),
  };
}

/** A zipped ESRI Shapefile (.shp, .shx, .dbf; no .prj) of polygons with one text attribute per field. */
export function zippedShapefile(features: { properties: Record<string, string>; ring: Ring }[]): Buffer {
  const recs = features.map((f, i) => {
    const pts = f.ring;
    const content = Buffer.alloc(44 + 4 + pts.length * 16);
    content.writeInt32LE(5, 0); // polygon
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    content.writeDoubleLE(Math.min(...xs), 4);
    content.writeDoubleLE(Math.min(...ys), 12);
    content.writeDoubleLE(Math.max(...xs), 20);
    content.writeDoubleLE(Math.max(...ys), 28);
    content.writeInt32LE(1, 36); // parts
    content.writeInt32LE(pts.length, 40);
    content.writeInt32LE(0, 44); // part 0 starts at point 0
    pts.forEach(([x, y], k) => {
      content.writeDoubleLE(x, 48 + k * 16);
      content.writeDoubleLE(y, 56 + k * 16);
    });
    const head = Buffer.alloc(8);
    head.writeInt32BE(i + 1, 0);
    head.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([head, content]);
  });
  const all = features.flatMap((f) => f.ring);
  const header = (length: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(length / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    h.writeDoubleLE(Math.min(...all.map((p) => p[0])), 36);
    h.writeDoubleLE(Math.min(...all.map((p) => p[1])), 44);
    h.writeDoubleLE(Math.max(...all.map((p) => p[0])), 52);
    h.writeDoubleLE(Math.max(...all.map((p) => p[1])), 60);
    return h;
  };
  const body = Buffer.concat(recs);
  const shp = Buffer.concat([header(100 + body.length), body]);
  const index: Buffer[] = [];
  let offset = 100;
  for (const r of recs) {
    const e = Buffer.alloc(8);
    e.writeInt32BE(offset / 2, 0);
    e.writeInt32BE((r.length - 8) / 2, 4);
    index.push(e);
    offset += r.length;
  }
  const shx = Buffer.concat([header(100 + 8 * recs.length), ...index]);
  // dBASE III: text fields of 64 bytes, UTF-8 (declared in the .cpg)
  const fields = Object.keys(features[0]?.properties ?? {});
  const width = 64;
  const dbfHeader = Buffer.alloc(32 + 32 * fields.length + 1);
  dbfHeader[0] = 0x03;
  dbfHeader.writeUInt32LE(features.length, 4);
  dbfHeader.writeUInt16LE(dbfHeader.length, 8);
  dbfHeader.writeUInt16LE(1 + width * fields.length, 10);
  fields.forEach((name, i) => {
    const at = 32 + 32 * i;
    dbfHeader.write(name.slice(0, 10), at, 'latin1');
    dbfHeader[at + 11] = 'C'.charCodeAt(0);
    dbfHeader[at + 16] = width;
  });
  dbfHeader[dbfHeader.length - 1] = 0x0d;
  const rows = features.map((f) => {
    const row = Buffer.alloc(1 + width * fields.length, 0x20);
    fields.forEach((name, i) => {
      const bytes = Buffer.from(f.properties[name] ?? '', 'utf8');
      bytes.copy(row, 1 + i * width, 0, Math.min(width, bytes.length));
    });
    return row;
  });
  const dbf = Buffer.concat([dbfHeader, ...rows, Buffer.from([0x1a])]);
  return Buffer.from(zipSync({ 'units.shp': shp, 'units.shx': shx, 'units.dbf': dbf, 'units.cpg': Buffer.from('UTF-8') }));
}
