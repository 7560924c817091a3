import { describe, expect, it } from 'vitest';
import { buildScore766, formatPoints } from './score766.model.ts';

const items = [
  { indicator: '3.3', group: 'online-service', ratio: 0.515, points: 4.12, maxPoints: 4 },
  { indicator: '2.1', group: 'progress', ratio: 0.9227, points: 18.454, maxPoints: 20 },
  // as the API sends it: the payment group publishes no share for 3.6, so no points
  { indicator: '3.6', group: 'online-payment', ratio: 0.424, points: null, maxPoints: null },
  { indicator: '4.2', group: 'digitisation', ratio: null, points: 0, maxPoints: 4 },
  { indicator: '4.3', group: 'digitisation', ratio: 0.3, points: 0.75, maxPoints: 2 },
  { indicator: 'x.9', group: 'mystery', ratio: 1, points: 1, maxPoints: 1 },
];

describe('computed 766 points', () => {
  it('lists every group of the current scheme in order, scoring those the API computed', () => {
    const m = buildScore766(items, 'vi');
    expect(m.groups.map((g) => [g.id, g.name, g.computed, g.pointsText, g.maxText, g.groupMax])).toEqual([
      ['transparency', 'Công khai, minh bạch', false, '—', '18', 18],
      ['progress', 'Tiến độ giải quyết', true, '18,45', '20', 20],
      ['online-service', 'Dịch vụ công trực tuyến', true, '4,12', '4', 12],
      ['online-payment', 'Thanh toán trực tuyến', false, '—', '10', 10],
      ['digitisation', 'Số hóa hồ sơ', true, '0,75', '6', 22],
      ['satisfaction', 'Mức độ hài lòng', false, '—', '18', 18],
      ['mystery', 'mystery', true, '1', '1', null],
    ]);
    expect(m.pointsText).toBe('24,32');
    expect(m.maxText).toBe('31');
    expect(m.schemeMax).toBe(100);
  });

  it('says when the computable part is smaller than the group, and caps the bar', () => {
    const m = buildScore766(items, 'en');
    const byId = new Map(m.groups.map((g) => [g.id, g]));
    expect(byId.get('progress')!.partial).toBe(false);
    expect(byId.get('digitisation')!.partial).toBe(true);
    expect(byId.get('online-service')!.fraction).toBe(1);
    expect(byId.get('digitisation')!.name).toBe('Digitisation');
  });

  it('names indicators and shows a missing ratio as N/A', () => {
    const d = buildScore766(items, 'vi').groups.find((g) => g.id === 'digitisation')!;
    expect(d.indicators[0]).toEqual({ indicator: '4.2', name: 'Số hóa hồ sơ, kết quả giải quyết', ratioText: 'N/A', pointsText: '0', maxText: '4' });
    expect(d.indicators[1]!.ratioText).toBe('30,0 %');
  });

  it('shows 3.6 with its ratio and no points, never the whole payment group', () => {
    const pay = buildScore766(items, 'vi').groups.find((g) => g.id === 'online-payment')!;
    expect(pay.indicators).toEqual([{ indicator: '3.6', name: 'Hồ sơ thanh toán trực tuyến', ratioText: '42,4 %', pointsText: '—', maxText: '—' }]);
  });

  it('finds groups named by the portal API id too', () => {
    const m = buildScore766([{ indicator: '2.1', group: 'dvc-progress-tree', ratio: 1, points: 20, maxPoints: 20 }], 'vi');
    expect(m.groups.find((g) => g.computed)).toMatchObject({ id: 'progress', name: 'Tiến độ giải quyết', pointsText: '20' });
  });

  it('is empty without data', () => {
    expect(buildScore766(undefined, 'vi')).toMatchObject({ groups: [], pointsText: '0', maxText: '0' });
    expect(formatPoints(Number.NaN, 'vi')).toBe('—');
  });
});
