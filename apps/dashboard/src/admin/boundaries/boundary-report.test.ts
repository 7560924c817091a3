import { describe, expect, it } from 'vitest';
import { contentTypeOf, readUpload, readVersions, uploadUrl } from './boundaries.api.ts';
import { locationText, readReport, reportView } from './boundary-report.ts';

const report = {
  features: 4,
  matched: [
    { index: 0, code: '31135', how: 'code' },
    { index: 1, code: '31120', how: 'name' },
    { index: 3, code: '31120', how: 'name' },
  ],
  unmatched: [{ index: 2, name: 'Phường Không Có' }],
  duplicated: [{ code: '31120', indexes: [1, 3] }],
  missing: ['31228'],
  areas: [
    { code: '31135', importedKm2: 5.1, registryKm2: 5.12, ratio: 0.996 },
    { code: '31120', importedKm2: 14.1, registryKm2: 10.04, ratio: 1.404 },
  ],
  issues: [
    { index: 1, severity: 'repaired', rule: 'winding', message: 'outer ring wound clockwise: rewound (RFC 7946)' },
    { index: 3, severity: 'error', rule: 'self_intersection', message: 'ring crosses itself', location: [105.77123, 10.03456] },
    { index: 0, severity: 'warning', rule: 'sliver', message: 'a sliver of 2 m²' },
  ],
  ok: false,
};

describe('boundary report', () => {
  it('reads the report, whether it is the body or under `report`', () => {
    const r = readReport(report)!;
    expect(r.features).toBe(4);
    expect(r.unmatched).toEqual([{ index: 2, code: null, name: 'Phường Không Có', message: null }]);
    expect(r.duplicated).toEqual([{ index: 1, code: '31120', name: null, message: '#1, #3' }]);
    expect(r.ok).toBe(false);
    expect(readReport({ version: 3, report })).toEqual(r);
    expect(readReport({ statusCode: 413, error: 'body_too_large' })).toBeNull();
  });

  it('reads the server’s duplicates (index, code, duplicateOf) and whole-file issues (index −1)', () => {
    const r = readReport({
      ...report,
      duplicated: [{ index: 3, code: '31120', duplicateOf: 1 }],
      issues: [{ index: -1, severity: 'error', rule: 'projected_coordinates', message: 'VN-2000 / UTM coordinates' }],
    })!;
    expect(r.duplicated).toEqual([{ index: 3, code: '31120', name: null, message: '= #1' }]);
    expect(r.issues[0]!.index).toBeNull();
  });

  it('accepts counts or bare indexes where the server gives no detail', () => {
    const r = readReport({ ...report, unmatched: 2, duplicated: [5, 6] })!;
    expect(r.unmatchedCount).toBe(2);
    expect(r.unmatched).toEqual([]);
    expect(r.duplicated.map((d) => d.index)).toEqual([5, 6]);
  });

  it('puts errors first, names the unit of each feature, and flags areas far from the registry', () => {
    const v = reportView(readReport(report)!, 'vi');
    expect(v.counts).toEqual({ features: 4, matched: 3, unmatched: 1, duplicated: 1, missing: 1, errors: 1, warnings: 1, repaired: 1 });
    expect(v.issues.map((i) => [i.severity, i.index, i.code])).toEqual([
      ['error', 3, '31120'],
      ['warning', 0, '31135'],
      ['repaired', 1, '31120'],
    ]);
    expect(v.issues[0]!.location).toBe('105.77123, 10.03456');
    expect(v.areas[0]).toEqual({ code: '31120', imported: '14,10', registry: '10,04', ratio: '140,4 %', off: true });
    expect(v.areas[1]!.off).toBe(false);
  });

  it('writes locations given as points or objects', () => {
    expect(locationText({ lon: 105.5, lat: 10 })).toBe('105.50000, 10.00000');
    expect(locationText({ type: 'Point', coordinates: [105.5, 10] })).toBe('105.50000, 10.00000');
    expect(locationText(undefined)).toBeNull();
  });
});

describe('boundary upload', () => {
  it('sends a zip as application/zip and anything else as JSON', () => {
    expect(contentTypeOf({ name: 'xa-phuong.zip', type: '' })).toBe('application/zip');
    expect(contentTypeOf({ name: 'ranh-gioi', type: 'application/x-zip-compressed' })).toBe('application/zip');
    expect(contentTypeOf({ name: 'can-tho.geojson', type: 'application/geo+json' })).toBe('application/json');
    expect(contentTypeOf({ name: 'can-tho.topojson', type: '' })).toBe('application/json');
  });

  it('asks for a dry run and names the file (no markup, no control characters)', () => {
    expect(uploadUrl(true, 'ranh giới.geojson')).toBe('/api/v1/admin/boundaries?dryRun=true&fileName=ranh+gi%E1%BB%9Bi.geojson');
    expect(uploadUrl(false, '<b>x</b>\u0007.zip')).toBe('/api/v1/admin/boundaries?fileName=bx%2Fb.zip');
    expect(uploadUrl(false)).toBe('/api/v1/admin/boundaries');
  });

  it('tells a report (dry run, commit, refusal) from an error', () => {
    expect(readUpload(200, report, true)).toMatchObject({ kind: 'report', committed: false });
    expect(readUpload(200, { version: 4, report: { ...report, ok: true } }, false)).toMatchObject({ kind: 'report', committed: true, version: '4' });
    const stored = {
      stored: true,
      version: { version: 5, at: '2026-12-05', storedAt: 1, origin: 'e2e', fileName: 'a.geojson', format: 'geojson', codes: ['31135'] },
    };
    expect(readUpload(201, { ...stored, report: { ...report, ok: true } }, false)).toMatchObject({ kind: 'report', committed: true, version: '5' });
    expect(readUpload(422, report, false)).toMatchObject({ kind: 'report', committed: false, status: 422 });
    expect(readUpload(413, { statusCode: 413, error: 'body_too_large', message: 'too big' }, true)).toEqual({
      kind: 'error',
      status: 413,
      code: 'body_too_large',
      message: 'too big',
    });
    expect(readUpload(401, null, true)).toEqual({ kind: 'error', status: 401, code: 'http_401', message: '' });
  });

  it('lists stored versions from any of the usual shapes', () => {
    const v = readVersions({ versions: [{ version: 2, committedAt: '2026-12-05T03:00:00Z', features: 103, current: true, source: 'admin' }] });
    expect(v).toEqual([{ version: '2', at: Date.parse('2026-12-05T03:00:00Z'), features: 103, current: true, by: 'admin' }]);
    expect(readVersions([{ id: 'a' }])).toEqual([{ version: 'a', at: null, features: null, current: true, by: null }]);
    // newest first, none flagged: the first is the one the maps draw
    expect(
      readVersions({
        versions: [
          { version: 7, storedAt: 2, origin: 'admin', fileName: 'xa-phuong.geojson', codes: ['31135', '31120'] },
          { version: 6, storedAt: 1, origin: 'admin', fileName: null, codes: [] },
        ],
      }).map((v) => [v.version, v.current, v.features, v.by]),
    ).toEqual([
      ['7', true, 2, 'xa-phuong.geojson'],
      ['6', false, 0, 'admin'],
    ]);
    expect(readVersions({})).toEqual([]);
  });
});
