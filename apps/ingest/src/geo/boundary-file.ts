import { feature as topoFeature } from 'topojson-client';
import { parseZip } from 'shpjs';
import yauzl from 'yauzl';
import type { BoundaryFeature } from '@cityioc/domain/geo-checks';

/** A boundary file as read: its features, whatever the format. */
export interface BoundaryFile {
  format: 'geojson' | 'topojson' | 'shapefile';
  features: BoundaryFeature[];
}

/** Why a file cannot be read: 415 for a file that is not one of the formats, 422 for one that is but is broken. */
export class BoundaryFileError extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const GEOJSON_TYPES = ['application/geo+json', 'application/json', 'application/vnd.geo+json'];
export const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

/** Inflated bytes a zipped Shapefile may hold (its declared sizes, checked before anything is inflated). */
const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function fromJson(json: unknown): BoundaryFile {
  if (!isObject(json)) throw new BoundaryFileError(415, 'not_geojson', 'the body is JSON but neither a GeoJSON FeatureCollection nor a TopoJSON Topology');
  if (json.type === 'Topology') return fromTopology(json);
  if (json.type === 'FeatureCollection') {
    if (!Array.isArray(json.features)) throw new BoundaryFileError(422, 'invalid_geojson', 'a FeatureCollection needs a features array');
    return { format: 'geojson', features: json.features.map((f, i) => asFeature(f, i)) };
  }
  if (json.type === 'Feature') return { format: 'geojson', features: [asFeature(json, 0)] };
  throw new BoundaryFileError(
    415,
    'not_geojson',
    `a JSON body of type '${String(json.type).slice(0, 40)}' is neither a GeoJSON FeatureCollection nor a TopoJSON Topology`,
  );
}

function asFeature(f: unknown, i: number): BoundaryFeature {
  if (!isObject(f) || f.type !== 'Feature') throw new BoundaryFileError(422, 'invalid_geojson', `features[${i}] is not a GeoJSON Feature`);
  const geometry = isObject(f.geometry) && typeof f.geometry.type === 'string' ? (f.geometry as BoundaryFeature['geometry']) : null;
  const id = typeof f.id === 'string' || typeof f.id === 'number' ? f.id : null;
  return { type: 'Feature', id, properties: isObject(f.properties) ? f.properties : {}, geometry };
}

/** Every object of every layer of a Topology, as GeoJSON features (topojson-client). */
function fromTopology(topo: Record<string, unknown>): BoundaryFile {
  if (!isObject(topo.objects) || !Array.isArray(topo.arcs)) throw new BoundaryFileError(422, 'invalid_topojson', 'a TopoJSON Topology needs objects and arcs');
  const features: BoundaryFeature[] = [];
  for (const name of Object.keys(topo.objects)) {
    let out: unknown;
    try {
      out = topoFeature(topo as unknown as Parameters<typeof topoFeature>[0], name);
    } catch (e) {
      throw new BoundaryFileError(422, 'invalid_topojson', `the TopoJSON object '${name.slice(0, 40)}' cannot be read: ${(e as Error).message}`);
    }
    const list = isObject(out) && Array.isArray(out.features) ? out.features : [out];
    list.forEach((f) => features.push(asFeature(f, features.length)));
  }
  return { format: 'topojson', features };
}

/** The sum of the declared inflated sizes of a zip's entries, read from its central directory (nothing inflated). */
function declaredUnzippedBytes(buf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      let total = 0;
      zip.on('entry', (e: yauzl.Entry) => {
        total += e.uncompressedSize;
        zip.readEntry();
      });
      zip.on('end', () => resolve(total));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** A zipped Shapefile (.shp + .dbf, with its .prj when the coordinates are projected: shpjs reprojects with proj4). */
async function fromZip(buf: Buffer): Promise<BoundaryFile> {
  let declared: number;
  try {
    declared = await declaredUnzippedBytes(buf);
  } catch (e) {
    throw new BoundaryFileError(415, 'not_a_zip', `the body is not a readable zip file (${(e as Error).message})`);
  }
  if (declared > MAX_UNZIPPED_BYTES)
    throw new BoundaryFileError(413, 'zip_too_large', `the zip declares ${declared} bytes once inflated; at most ${MAX_UNZIPPED_BYTES} are read`);
  let parsed: unknown;
  try {
    parsed = await parseZip(buf);
  } catch (e) {
    throw new BoundaryFileError(422, 'invalid_shapefile', `the zip holds no readable Shapefile (.shp with its .dbf): ${(e as Error).message}`);
  }
  const layers = Array.isArray(parsed) ? parsed : [parsed];
  const features: BoundaryFeature[] = [];
  for (const layer of layers) {
    if (!isObject(layer) || !Array.isArray(layer.features)) continue;
    layer.features.forEach((f) => features.push(asFeature(f, features.length)));
  }
  return { format: 'shapefile', features };
}

/**
 * Reads an uploaded boundary file by its Content-Type: GeoJSON (application/geo+json or
 * application/json), TopoJSON (application/json with type Topology) or a zipped Shapefile
 * (application/zip). Anything else is 415; a file of the right kind that cannot be read is 422.
 */
export async function readBoundaryFile(body: Buffer, contentType: string): Promise<BoundaryFile> {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (ZIP_TYPES.includes(type)) return fromZip(body);
  if (!GEOJSON_TYPES.includes(type) && type !== 'application/topo+json')
    throw new BoundaryFileError(
      415,
      'unsupported_media_type',
      `Content-Type ${type || '(none)'} is not a boundary file: send GeoJSON or TopoJSON (application/geo+json, application/json) or a zipped Shapefile (application/zip)`,
    );
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new BoundaryFileError(415, 'not_geojson', `the body is not JSON, so neither GeoJSON nor TopoJSON (${(e as Error).message.slice(0, 120)})`);
  }
  return fromJson(json);
}
