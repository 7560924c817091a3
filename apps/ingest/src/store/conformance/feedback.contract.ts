import type { Directive, DirectiveAttachment } from '@cityioc/contracts';
import { describe, expect, it } from 'vitest';
import { paknEvent, rating, T0, useStore, type StoreHarness } from './harness.ts';

function directive(id: string, patch: Partial<Directive> = {}): Directive {
  return {
    id,
    title: 'Giảm hồ sơ trễ hạn',
    text: 'Rà soát và xử lý dứt điểm hồ sơ trễ hạn trong tuần',
    subject: { kind: 'score766', id: '2.1' },
    issuedBy: { name: 'Phó Chủ tịch', unit: 'UBND thành phố' },
    issuedAt: T0,
    deadlineWorkingDays: 3,
    dueAt: T0 + 3 * 86_400_000,
    status: 'open',
    assignments: [{ unit: '916', unitName: null, status: 'issued', updatedAt: T0, reports: [], decisions: [] }],
    revision: 1,
    updatedAt: T0,
    ...patch,
  };
}

/** PAKN events, dossier ratings and directives [ST-F1…ST-F4]. */
export function feedbackConformance(name: string, harness: () => StoreHarness): void {
  describe(`Store conformance, PAKN, ratings and directives: ${name}`, () => {
    const t = useStore(harness);

    it('[ST-F1] keeps PAKN events idempotent by eventId and replays them in order', async () => {
      const s = await t.open();
      const r = await s.appendPaknEvents([paknEvent('a', 'received'), paknEvent('b', 'answered'), paknEvent('a', 'received')]);
      expect(r[0]).toBeTypeOf('number');
      expect(r[1]).toBe(r[0]! + 1);
      expect(r[2]).toBeNull();
      expect(await s.appendPaknEvents([paknEvent('b', 'answered')])).toEqual([null]);
      const got: string[] = [];
      await s.replayPaknEvents(0, (b) => got.push(...b.map((x) => `${x.seq - r[0]!}:${x.event.eventId}:${x.event.step}:${x.source}`)), 1);
      expect(got).toEqual(['0:a:received:test', '1:b:answered:test']);
      const again = await t.reopen();
      const after: string[] = [];
      await again.replayPaknEvents(r[0]!, (b) => after.push(...b.map((x) => x.event.eventId)));
      expect(after).toEqual(['b']);
    });

    it('[ST-F2] keeps ratings idempotent by ratingId', async () => {
      const s = await t.open();
      expect((await s.appendRatings([rating('r1'), rating('r2', 'D2'), rating('r1')])).map((x) => x === null)).toEqual([false, false, true]);
      const got: string[] = [];
      await s.replayRatings(0, (b) => got.push(...b.map((x) => `${x.rating.ratingId}:${x.rating.dossierCode}:${x.rating.satisfaction}`)));
      expect(got).toEqual(['r1:D1:dissatisfied', 'r2:D2:dissatisfied']);
    });

    it('[ST-F3] stores a directive once and replaces it only at the expected revision', async () => {
      const s = await t.open();
      expect(await s.insertDirective(directive('D1'))).toBe(true);
      expect(await s.insertDirective(directive('D1', { text: 'khác' }))).toBe(false);
      expect(await s.updateDirective(directive('D1', { revision: 2, status: 'closed', updatedAt: T0 + 5 }), 1)).toBe(true);
      expect(await s.updateDirective(directive('D1', { revision: 3 }), 1)).toBe(false); // a stale writer
      await s.insertDirective(directive('D2', { updatedAt: T0 + 1 }));
      expect(await s.getDirective('D1')).toEqual(directive('D1', { revision: 2, status: 'closed', updatedAt: T0 + 5 }));
      expect(await s.getDirective('nope')).toBeNull();
      expect((await s.listDirectives()).map((d) => [d.id, d.revision])).toEqual([
        ['D1', 2],
        ['D2', 1],
      ]);
      await expect((await t.reopen()).getDirective('D2')).resolves.toMatchObject({ text: 'Rà soát và xử lý dứt điểm hồ sơ trễ hạn trong tuần' });
    });

    it('[ST-F4] keeps attachments byte for byte', async () => {
      const s = await t.open();
      const data = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10]);
      const a: DirectiveAttachment = {
        id: 'att-1',
        directiveId: 'D1',
        unit: '916',
        name: 'Báo cáo tuần.pdf',
        type: 'application/pdf',
        size: data.length,
        sha256: 'x',
        uploadedAt: T0,
        uploadedBy: { name: 'Trực ban', unit: 'UBND phường' },
      };
      await s.putAttachment(a, data);
      const got = await s.getAttachment('att-1');
      expect(got!.attachment).toEqual(a);
      expect(Buffer.compare(got!.data, data)).toBe(0);
      expect(await s.getAttachment('att-2')).toBeNull();
    });
  });
}
