import type { Score766Item } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { score766Vi } from '../../i18n/score766.data.ts';
import { ITEM_COLUMNS, itemRow, type ItemLabels } from './items.model.ts';

/** The real Vietnamese strings, looked up as the component does. */
const labels: ItemLabels = {
  t: (key, fallback) => {
    const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), score766Vi.score766);
    return typeof v === 'string' ? v : fallback;
  },
  agency: (c) => (c === '000.135.00.H13' ? 'UBND phường Ninh Kiều' : c),
  unit: (c) => (c === '31135' ? 'Ninh Kiều' : c),
  procedure: (c) => `${c} Đăng ký khai sinh`,
};

describe('items behind a 766 metric', () => {
  it('writes a dossier with its names, labels and why it is outside the numerator', () => {
    const item: Score766Item = {
      kind: 'dossier',
      code: '000.135.00.H13-261201-0001',
      procedureCode: '1.001612',
      agencyCode: '000.135.00.H13',
      adminUnitCode: '31135',
      channel: 2,
      status: 10,
      receivedAt: Date.parse('2026-12-01T01:30:00Z'),
      inNumerator: false,
      reason: 'late',
    };
    expect(itemRow(item, 'vi', labels)).toEqual({
      key: '000.135.00.H13-261201-0001',
      inNumerator: false,
      cells: {
        code: '000.135.00.H13-261201-0001',
        procedure: '1.001612 Đăng ký khai sinh',
        agency: 'UBND phường Ninh Kiều',
        unit: 'Ninh Kiều',
        channel: 'Trực tuyến',
        status: 'Đã trả kết quả',
        received: '01/12/2026 08:30',
        counted: 'Không',
        reason: 'Trễ hạn',
      },
    });
    expect(itemRow({ ...item, inNumerator: true, reason: null }, 'en', labels).cells).toMatchObject({ channel: 'Online', reason: '', counted: 'Có' });
    expect(itemRow({ ...item, reason: 'something_new' }, 'vi', labels).cells.reason).toBe('something_new');
  });

  it('writes a procedure and a PAKN; a title stays text', () => {
    const proc: Score766Item = {
      kind: 'procedure',
      code: '1.001612',
      name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
      onlineService: 'full',
      feeBearing: false,
      version: 1,
      inNumerator: true,
      reason: null,
    };
    expect(itemRow(proc, 'vi', labels).cells).toEqual({
      code: '1.001612',
      name: 'Đăng ký khai sinh',
      online: 'Toàn trình',
      fee: 'Không',
      counted: 'Có',
      reason: '',
    });
    const pakn: Score766Item = {
      kind: 'pakn',
      paknId: 'PAKN-1',
      title: '<b>Hồ sơ trễ hẹn</b>',
      adminUnitCode: '31135',
      agencyCode: null,
      classification: 'procedure',
      status: 'published',
      receivedAt: Date.parse('2026-12-02T02:00:00Z'),
      inNumerator: false,
      reason: 'more_dislikes_than_likes',
    };
    expect(itemRow(pakn, 'vi', labels).cells).toMatchObject({
      code: 'PAKN-1',
      name: '<b>Hồ sơ trễ hẹn</b>',
      agency: '',
      status: 'Đã công khai',
      reason: 'Không hài lòng nhiều hơn hài lòng',
    });
  });

  it('has columns for each kind, every cell a row writes among them', () => {
    expect(ITEM_COLUMNS.procedures).toEqual(['code', 'name', 'online', 'fee', 'counted', 'reason']);
    expect(ITEM_COLUMNS.dossiers).toContain('received');
  });
});
