import { indexCatalogue } from '@cityioc/domain';
import { describe, expect, it } from 'vitest';
import { indexCells } from '../../../cells/cells.ts';
import { catalogueFixture, cell, NOW } from '../../../test/fixtures.ts';
import { UI } from '../../../theme/theme.ts';
import { buildTrafficLayer, buildTrafficSegments, speedClass, TRAFFIC_LINES, TRAFFIC_SOURCE, TRAFFIC_SPEED_CLASSES } from './traffic.layer.ts';

const catalogue = indexCatalogue(catalogueFixture());
const cells = indexCells([
  cell('31186', 'tf-cau-can-tho', 'traffic_speed', 52),
  cell('31186', 'tf-cau-can-tho', 'traffic_intensity', 1812),
  cell('31147', 'tf-30-thang-4', 'traffic_speed', 14),
  cell('31147', 'tf-30-thang-4', 'traffic_intensity', 640, { observedAt: NOW - 20 * 60_000 }),
  // cadence 300 s: 20 min old is stale
  cell('31183', 'tf-cmt8', 'traffic_speed', 31, { observedAt: NOW - 20 * 60_000 }),
]);
const base = { catalogue, cells, now: NOW, offline: false, lang: 'vi' as const, timeZone: 'Asia/Ho_Chi_Minh' };

describe('speedClass', () => {
  it('< 20 congested, 20–40 slow, ≥ 40 free flow; no speed, no class', () => {
    expect([0, 19.9, 20, 39.9, 40, 120].map((v) => speedClass(v)!.id)).toEqual(['congested', 'congested', 'slow', 'slow', 'free', 'free']);
    expect(speedClass(null)).toBeNull();
    expect(TRAFFIC_SPEED_CLASSES.map((c) => c.from)).toEqual([0, 20, 40]);
  });
});

describe('buildTrafficSegments', () => {
  const segs = new Map(buildTrafficSegments(base).map((s) => [s.id, s]));
  it('has every road segment with its line, speed and intensity in vi-VN', () => {
    expect([...segs.keys()].sort()).toEqual(['tf-30-thang-4', 'tf-cau-can-tho', 'tf-cmt8']);
    expect(segs.get('tf-cau-can-tho')).toMatchObject({
      name: 'Đoạn đường dẫn cầu Cần Thơ (QL1A)',
      speedText: '52',
      speedUnit: 'km/h',
      intensityText: '1.812',
      intensityUnit: 'xe/giờ',
      classLabel: 'Thông thoáng',
      color: '#22c55e',
      stale: false,
    });
    expect(segs.get('tf-cau-can-tho')!.path.length).toBeGreaterThanOrEqual(2);
  });
  it('colours by speed class, greys stale and silent segments, hides a stale intensity', () => {
    expect(segs.get('tf-30-thang-4')).toMatchObject({ color: '#ef4444', classLabel: 'Ùn tắc', intensityText: '—' });
    expect(segs.get('tf-cmt8')).toMatchObject({ stale: true, color: UI.stale, speedText: '31' });
    const none = buildTrafficSegments({ ...base, cells: indexCells([]) });
    expect(none.every((s) => s.color === UI.noData && s.speedText === '—')).toBe(true);
    const offline = buildTrafficSegments({ ...base, offline: true });
    expect(offline.every((s) => s.stale && s.color !== '#22c55e' && s.intensityText === '—')).toBe(true);
  });
  it('English labels and units', () => {
    const en = buildTrafficSegments({ ...base, lang: 'en' }).find((s) => s.id === 'tf-cau-can-tho')!;
    expect(en).toMatchObject({ intensityText: '1,812', intensityUnit: 'vehicles/h', classLabel: 'Free flow' });
  });
});

describe('buildTrafficLayer', () => {
  it('one line source with the colour as a property, a casing under the coloured line', () => {
    const spec = buildTrafficLayer({ segments: buildTrafficSegments(base), scale: 2 });
    const data = spec.sources[TRAFFIC_SOURCE]!.data as { features: { properties: { id: string; color: string }; geometry: { type: string } }[] };
    expect(data.features).toHaveLength(3);
    expect(data.features.every((f) => f.geometry.type === 'LineString')).toBe(true);
    expect(data.features.find((f) => f.properties.id === 'tf-30-thang-4')!.properties.color).toBe('#ef4444');
    expect(spec.layers.map((l) => l.id)).toEqual(['ioc-traffic-casing', TRAFFIC_LINES]);
    expect((spec.layers[1] as { paint: Record<string, unknown> }).paint['line-width']).toBe(10);
  });
});

describe('trafficLegendRows', () => {
  it('states the class thresholds from the same data the layer uses, in vi-VN and en', async () => {
    const { trafficLegendRows } = await import('../../MapLegend.tsx');
    expect(trafficLegendRows('vi')).toEqual([
      { id: 'congested', label: '< 20', color: '#ef4444' },
      { id: 'slow', label: '20–40', color: '#f59e0b' },
      { id: 'free', label: '≥ 40 km/h', color: '#22c55e' },
    ]);
  });
});
