import { describe, expect, it } from 'vitest';
import { NOW } from '../test/fixtures.ts';
import { detail } from '../test/dossier-fixtures.ts';
import { buildTrail } from './trail.model.ts';

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
});
