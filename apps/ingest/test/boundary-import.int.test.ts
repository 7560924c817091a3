import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoundaryImportReport, BoundaryImportResult, BoundaryVersionsResponse } from '@cityioc/contracts';
import { CAN_THO_REGISTRY } from '@cityioc/domain';
import { collection, feature, square, topology, zippedShapefile, type Ring } from './helpers/boundary-files.ts';
import { AS, buildTestApp, TEST_KEY } from './helpers/build-test-app.ts';

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;
const centre = (code: string) => CAN_THO_REGISTRY.areaAt(code, '2026-01-01')!.centre!.lonLat;
/** A bow-tie: the boundary crosses itself. */
const bowtie = ([lon, lat]: [number, number]): Ring => [
  [lon - 0.01, lat - 0.01],
  [lon + 0.01, lat + 0.01],
  [lon + 0.01, lat - 0.01],
  [lon - 0.01, lat + 0.01],
  [lon - 0.01, lat - 0.01],
];

describe('boundary import (administrator): report first, then all or nothing, the map at once', () => {
  let t: Ctx;
  beforeEach(async () => {
    t = await buildTestApp({ boundaryLimitBytes: 200_000 });
  });
  afterEach(async () => t.cleanup());

  const send = (body: string | Buffer, type: string, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/v1/admin/boundaries${query}`, headers: { ...AS.admin, 'content-type': type }, payload: body });
  const good = () =>
    collection([
      // by code (a number), by name with the prefix and a lookalike Ð, by name without spaces and with another tone placement
      feature({ code: 31135, name: 'Ninh Kiều' }, square(centre('31135'))),
      feature({ ten: 'Phường Ðông Hiệp', code: 'NA' }, square(centre('31273'))),
      feature({ name: 'ThớiLai', fullName: 'NA' }, square(centre('31258'))),
    ]);

  it('a dry run reports matches, missing units, repairs and areas, and stores nothing', async () => {
    const r = await send(JSON.stringify(good()), 'application/geo+json', '?dryRun=true');
    expect(r.statusCode).toBe(200);
    const rep = r.json<BoundaryImportReport>();
    expect(rep).toMatchObject({ features: 3, format: 'geojson', at: '2026-11-22', ok: true, unmatched: [], duplicated: [] });
    expect(rep.matched).toEqual([
      { index: 0, code: '31135', how: 'code' },
      { index: 1, code: '31273', how: 'name' },
      { index: 2, code: '31258', how: 'name' },
    ]);
    expect(rep.missing).toHaveLength(100);
    expect(rep.issues.filter((i) => i.rule === 'winding').map((i) => [i.index, i.severity])).toEqual([
      [0, 'repaired'],
      [1, 'repaired'],
      [2, 'repaired'],
    ]);
    expect(rep.areas[0]).toMatchObject({ code: '31135', registryKm2: 5.42 });
    expect(rep.areas[0]!.importedKm2).toBeGreaterThan(4);
    const versions = await t.app.inject({ method: 'GET', url: '/api/v1/admin/boundaries', headers: AS.admin });
    expect(versions.json<BoundaryVersionsResponse>()).toEqual({ versions: [] });
  });

  it('commits a good file as a version and the map uses it at once (new ETag, official shapes); one bad feature commits nothing', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/geo/areas', headers: AS.leader });
    const r = await send(JSON.stringify(good()), 'application/json', '?fileName=cantho.geojson');
    expect(r.statusCode).toBe(201);
    const res = r.json<BoundaryImportResult>();
    expect(res).toMatchObject({
      stored: true,
      version: {
        version: 1,
        at: '2026-11-22',
        origin: 'token:Quản trị thử',
        fileName: 'cantho.geojson',
        format: 'geojson',
        codes: ['31135', '31273', '31258'],
      },
    });
    // the import is in the audit log: who, what version, how many units
    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?action=boundaries.import', headers: AS.admin });
    expect(audit.json<{ records: { actor: string; target: string; details: Record<string, unknown> }[] }>().records).toMatchObject([
      { actor: 'token:Quản trị thử', target: 'v1', details: { units: 3, validFrom: '2026-11-22', fileName: 'cantho.geojson' } },
    ]);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/geo/areas', headers: { ...AS.leader, 'if-none-match': before.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const props = after.json<{ features: { properties: Record<string, unknown>; geometry: { coordinates: Ring[] } }[] }>().features;
    const nk = props.find((f) => f.properties.code === '31135')!;
    expect(nk.properties).toMatchObject({ schematic: false, source: 'import:1' });
    // stored rewound to RFC 7946 (outer ring counter-clockwise)
    const ring = nk.geometry.coordinates[0]!;
    expect(ring[1]![0]).toBeGreaterThan(ring[0]![0]);
    expect(props.find((f) => f.properties.code === '31120')!.properties).toMatchObject({ schematic: true, source: 'schematic' });

    // a second file with one self-intersecting feature: 422 with the feature's error, nothing stored
    const bad = collection([feature({ code: '31120' }, square(centre('31120'))), feature({ code: '31168' }, bowtie(centre('31168')))]);
    const refused = await send(JSON.stringify(bad), 'application/geo+json');
    expect(refused.statusCode).toBe(422);
    const rep = refused.json<BoundaryImportReport>();
    expect(rep.ok).toBe(false);
    expect(rep.issues.find((i) => i.severity === 'error')).toMatchObject({ index: 1, rule: 'self_intersection' });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/boundaries', headers: AS.admin })).json<BoundaryVersionsResponse>();
    expect(list.versions.map((v) => v.version)).toEqual([1]);
    const map = (await t.app.inject({ method: 'GET', url: '/api/v1/geo/areas', headers: AS.leader })).json<{
      features: { properties: Record<string, unknown> }[];
    }>().features;
    expect(map.find((f) => f.properties.code === '31120')!.properties.source).toBe('schematic');
  });

  it('refuses unmatched and duplicated features, projected coordinates (saying so), other media types and files too large', async () => {
    const dup = collection([
      feature({ code: '31135' }, square(centre('31135'))),
      feature({ name: 'Ninh Kiều' }, square(centre('31135'))),
      feature({ name: 'Phường Không Tồn Tại' }, square(centre('31120'))),
    ]);
    const r = await send(JSON.stringify(dup), 'application/geo+json');
    expect(r.statusCode).toBe(422);
    const rep = r.json<BoundaryImportReport>();
    expect(rep.duplicated).toEqual([{ index: 1, code: '31135', duplicateOf: 0 }]);
    expect(rep.unmatched).toMatchObject([{ index: 2, name: 'Phường Không Tồn Tại' }]);
    // VN-2000 / UTM 48N metres instead of degrees
    const utm = collection([
      feature({ code: '31135' }, [
        [587000, 1109000],
        [588000, 1109000],
        [588000, 1110000],
        [587000, 1110000],
        [587000, 1109000],
      ]),
    ]);
    const projected = await send(JSON.stringify(utm), 'application/geo+json');
    expect(projected.statusCode).toBe(422);
    const issue = projected.json<BoundaryImportReport>().issues[0]!;
    expect(issue).toMatchObject({ index: 0, severity: 'error', rule: 'projected_coordinates' });
    expect(issue.message).toContain('VN-2000 / UTM');
    const text = await send('code,name\n31135,Ninh Kiều\n', 'text/csv');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: 'unsupported_media_type' });
    const notGeo = await send(JSON.stringify({ hello: 'world' }), 'application/json');
    expect(notGeo.statusCode).toBe(415);
    expect(notGeo.json()).toMatchObject({ error: 'not_geojson' });
    const big = await send(JSON.stringify(collection([feature({ code: '31135', pad: 'x'.repeat(300_000) }, square(centre('31135')))])), 'application/geo+json');
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'body_too_large' });
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/boundaries',
      headers: { 'content-type': 'application/geo+json' },
      payload: JSON.stringify(good()),
    });
    expect(noKey.statusCode).toBe(401);
    // a feed source's key writes data, not the map: boundary imports are an administrator's
    const feedKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/boundaries',
      headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/geo+json' },
      payload: JSON.stringify(good()),
    });
    expect(feedKey.statusCode).toBe(401);
  });

  it('reads TopoJSON and a zipped Shapefile (Node, no browser)', async () => {
    const units = [
      { properties: { code: '31135', name: 'Ninh Kiều' }, ring: square(centre('31135')) },
      { properties: { code: '31120', name: 'Cái Khế' }, ring: square(centre('31120')) },
    ];
    const topo = await send(JSON.stringify(topology(units)), 'application/json', '?dryRun=true');
    expect(topo.statusCode).toBe(200);
    expect(topo.json<BoundaryImportReport>()).toMatchObject({ format: 'topojson', features: 2, ok: true, matched: [{ code: '31135' }, { code: '31120' }] });
    const shp = await send(zippedShapefile(units), 'application/zip', '?dryRun=true');
    expect(shp.statusCode).toBe(200);
    expect(shp.json<BoundaryImportReport>()).toMatchObject({
      format: 'shapefile',
      features: 2,
      ok: true,
      matched: [
        { code: '31135', how: 'code' },
        { code: '31120', how: 'code' },
      ],
    });
    const notZip = await send(Buffer.from('not a zip at all'), 'application/zip');
    expect(notZip.statusCode).toBe(415);
    expect(notZip.json()).toMatchObject({ error: 'not_a_zip' });
  });
});
