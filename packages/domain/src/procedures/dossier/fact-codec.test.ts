import { describe, expect, it } from 'vitest';
import { foldSortedFacts, insertFact, toDossierFact, type DossierFact } from './dossier-record.ts';
import { ev, t } from './dossier.fixtures.ts';
import { internFacts, packFacts, packVector, StringTable, unpackFacts, unpackVector } from './fact-codec.ts';

function sorted(events: Parameters<typeof toDossierFact>[0][]): readonly DossierFact[] {
  let facts: readonly DossierFact[] = [];
  for (const e of events) facts = insertFact(facts, toDossierFact(e));
  return facts;
}

function roundTrip(facts: readonly DossierFact[], table = new StringTable()): DossierFact[] {
  const text = packFacts(facts, table);
  // a checkpoint carries the table as its strings: unpack through a copy
  return unpackFacts(facts[0]!.dossierCode, text, new StringTable(table.strings()));
}

describe('packed dossier facts', () => {
  it('unpack to facts equal to the originals, key for key and in the same key order, and fold to the same record', () => {
    const facts = sorted([
      ev('H13.1-2026-000001', 2, '2026-03-02 08:00', { receivedAt: t('2026-03-02 08:00'), dueAt: t('2026-03-06 17:00'), feeBearing: true, digitized: true }),
      ev('H13.1-2026-000001', 5, '2026-03-03 09:30', {
        supplements: [{ requestedAt: t('2026-03-03 09:30'), dueBefore: t('2026-03-06 17:00'), dueAfter: t('2026-03-10 17:00') }],
        agencyCode: '000.153.00.H13',
        processingUnit: 'Bộ phận một cửa',
      }),
      ev('H13.1-2026-000001', 4, '2026-03-04 10:00', {
        supplements: [{ requestedAt: t('2026-03-03 09:30'), completedAt: t('2026-03-04 10:00') }],
        fieldCode: 'Hộ tịch',
        channel: 2,
      }),
      ev('H13.1-2026-000001', 9, '2026-03-09 16:00', {
        finishedAt: t('2026-03-09 16:00'),
        eResult: true,
        syncedToDvcqg: false,
        onlinePayment: 2,
        vneidVerified: true,
        populationData: false,
      }),
      ev('H13.1-2026-000001', 10, '2026-03-10 08:15', { returnedAt: t('2026-03-10 08:15'), dueAt: null, eCertifiedCopy: true, personalStorage: false }),
    ]);
    const back = roundTrip(facts);
    expect(back).toEqual(facts);
    back.forEach((f, i) => expect(Object.keys(f)).toEqual(Object.keys(facts[i]!)));
    expect(foldSortedFacts(back)).toEqual(foldSortedFacts(facts));
  });

  it('keeps any event id: the dossier code as a prefix, separators, Vietnamese text, an unpaired surrogate', () => {
    const ids = ['D-1-2', 'D-1,;|:$%x', 'other-9', '$D-1', '%41', 'Hồ sơ số 1', 'a\ud800b', '', 'x'.repeat(300)];
    const facts = sorted(ids.map((eventId, i) => ({ ...ev('D-1', 2, `2026-01-0${(i % 9) + 1} 08:00`), eventId })));
    const back = roundTrip(facts);
    expect(back.map((f) => f.eventId)).toEqual(facts.map((f) => f.eventId));
    expect(back).toEqual(facts);
  });

  it('writes shared codes once in the table and a typical finished dossier in under 100 characters (a field the previous fact repeats is not written)', () => {
    const table = new StringTable();
    const code = 'H13.31135-260115-000123';
    const facts = sorted(
      (
        [
          [2, '2026-01-15 08:00'],
          [4, '2026-01-15 09:00'],
          [9, '2026-01-19 15:00'],
          [10, '2026-01-25 08:00'],
        ] as const
      ).map(([s, at]) => ({
        ...ev(code, s, at, { receivedAt: t('2026-01-15 08:00'), dueAt: t('2026-01-22 17:00'), feeBearing: true, onlinePayment: 1 }),
        eventId: `${code}-${s}`,
        adminUnitCode: '31135',
        agencyCode: '000.135.00.H13',
      })),
    );
    const text = packFacts(facts, table);
    expect(text.length).toBeLessThan(100);
    expect(table.strings()).toEqual(['1.000494', '000.135.00.H13', '31135']);
    expect(unpackFacts(code, text, table)).toEqual(facts);
  });

  it('internFacts adds every string packFacts would add, so that packing later changes no table (a checkpoint writes its table first)', () => {
    const facts = sorted([
      ev('H13.2-2026-000002', 2, '2026-03-02 08:00', { receivedAt: t('2026-03-02 08:00'), agencyCode: '000.153.00.H13' }),
      ev('H13.2-2026-000002', 4, '2026-03-03 09:30', { fieldCode: 'Hộ tịch', processingUnit: 'Bộ phận một cửa', adminUnitCode: '31150' }),
      ev('H13.2-2026-000002', 9, '2026-03-04 10:00', { finishedAt: t('2026-03-04 10:00'), procedureCode: '2.000986' }),
    ]);
    const table = new StringTable(['already']);
    internFacts(facts, table);
    const interned = [...table.strings()];
    // the same strings packFacts adds on a fresh table, and nothing more
    const fresh = new StringTable(['already']);
    packFacts(facts, fresh);
    expect(new Set(interned)).toEqual(new Set(fresh.strings()));
    const text = packFacts(facts, table);
    expect(table.strings()).toEqual(interned);
    expect(unpackFacts(facts[0]!.dossierCode, text, new StringTable(interned))).toEqual(facts);
  });

  it('refuses a string id the table does not hold (a checkpoint without its strings)', () => {
    const facts = sorted([ev('D-2', 2, '2026-01-05 08:00')]);
    const text = packFacts(facts, new StringTable(['a', 'b', 'c']));
    expect(() => unpackFacts('D-2', text, new StringTable())).toThrow(/string 3, the table has 0/);
  });
});

describe('packed counter vectors', () => {
  it('give back every value exactly: zeros, flags, integer and fractional milliseconds, large sums', () => {
    const v = [1, 0, 0, 1, 0, 259_200_000, 0.1 + 0.2, 1e21, -3, 0, 0];
    const text = packVector(v);
    expect(unpackVector(text, v.length)).toEqual(v);
    expect(unpackVector(packVector(new Float64Array(18)), 18)).toEqual(new Array(18).fill(0));
    expect(packVector([0, 0, 0])).toBe('');
    // a finished dossier's part: flags and one sum of working milliseconds
    expect(packVector([1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 259_200_000, 1])).toBe('1eq3,f:4abk00');
    const wide = Array.from({ length: 52 }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 0 : i / 7));
    expect(unpackVector(packVector(wide), 52)).toEqual(wide);
    expect(() => packVector(new Array(53).fill(0))).toThrow(/53 positions/);
  });
});
