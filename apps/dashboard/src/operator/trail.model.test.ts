import { describe, expect, it } from 'vitest';
import { NOW } from '../test/fixtures.ts';
import { detail } from '../test/dossier-fixtures.ts';
import { buildTrail, dueSourceText } from './trail.model.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('dossier trail', () => {
  it('lists status changes in time order with local times and labels, the last one current', () => {
    const d = detail('HS-1', {
      trail: [
        { status: 5, statusAt: NOW - 3_600_000, eventId: 'e3' },
        { status: 2, statusAt: NOW - 3 * 86_400_000, eventId: 'e1' },
        { status: 4, statusAt: NOW - 2 * 86_400_000, eventId: 'e2' },
      ],
    });
    const steps = buildTrail(d, 'vi', TZ);
    expect(steps.map((s) => [s.label, s.at, s.current])).toEqual([
      ['Được tiếp nhận', '19/11/2026 07:30:00', false],
      ['Đang xử lý', '20/11/2026 07:30:00', false],
      ['Yêu cầu bổ sung giấy tờ', '22/11/2026 06:30:00', true],
    ]);
    expect(buildTrail(d, 'en', TZ)[0]!.label).toBe('Received');
  });

  it('is empty without a dossier', () => {
    expect(buildTrail(undefined, 'vi', TZ)).toEqual([]);
  });

  it('says where the due date comes from: the appointment date or the procedure’s legal time', () => {
    expect(dueSourceText(detail('HS-1'), 'vi')).toBe('theo ngày hẹn trả (NgayHenTra)');
    const legal = detail('HS-2', {
      due: { at: NOW, source: 'legal_time', procedure: { code: '1.000494', version: 2, legalTime: { value: 1, unit: 'working_days' } } },
    });
    expect(dueSourceText(legal, 'vi')).toBe('theo thời hạn giải quyết của thủ tục 1.000494: 1 ngày làm việc (phiên bản 2)');
    expect(dueSourceText(legal, 'en')).toBe('from the legal time of procedure 1.000494: 1 working day(s) (version 2)');
    expect(dueSourceText(detail('HS-3', { due: { at: null, source: null, procedure: null } }), 'vi')).toBe('');
  });
});
