import { describe, expect, it } from 'vitest';
import { rateAxis, shortName } from './ranking.scale.ts';

describe('the rate axis floor', () => {
  it('starts just below the lowest rate on a readable step so 90.9 % and 100 % look different', () => {
    // lowest 0.909 → 2 points of room → 0.889 → step 2 % → floor 88 %
    expect(rateAxis([1, 0.95, 0.909])).toEqual({ floor: 0.88, step: 0.02 });
  });

  it('widens the step with the spread and keeps the floor below the lowest bar', () => {
    // lowest 0.5 → a tenth of the spread (5 points) of room → 0.45 → step 10 % → floor 40 %
    expect(rateAxis([0.5, 1])).toEqual({ floor: 0.4, step: 0.1 });
    // lowest 0.73 → 0.703 → step 5 % → floor 70 %
    expect(rateAxis([0.73, 0.99])).toEqual({ floor: 0.7, step: 0.05 });
  });

  it('never goes below 0: low rates draw the whole axis without a break', () => {
    expect(rateAxis([0.1, 0.6])).toEqual({ floor: 0, step: 0.2 });
    expect(rateAxis([0, 1])).toEqual({ floor: 0, step: 0.2 });
    expect(rateAxis([-0.5])).toEqual({ floor: 0, step: 0.2 });
  });

  it('never goes above 100 %: a list of perfect rates still shows its bars', () => {
    expect(rateAxis([1, 1, 1])).toEqual({ floor: 0.98, step: 0.01 });
    expect(rateAxis([1.2])).toEqual({ floor: 0.98, step: 0.01 });
  });

  it('ignores rows without a value, and an empty list is the full axis', () => {
    expect(rateAxis([null, 0.909, Number.NaN])).toEqual({ floor: 0.88, step: 0.02 });
    expect(rateAxis([])).toEqual({ floor: 0, step: 0.2 });
  });
});

describe('short row names', () => {
  it('keeps a name that fits', () => {
    expect(shortName('Sở Tư pháp', 24)).toBe('Sở Tư pháp');
  });

  it('writes Ủy ban nhân dân as UBND, keeping the diacritics of the rest', () => {
    expect(shortName('Ủy ban nhân dân phường Ninh Kiều', 24)).toBe('UBND phường Ninh Kiều');
  });

  it("writes People's Committee as PC in English", () => {
    expect(shortName("Ninh Kieu Ward People's Committee", 24)).toBe('Ninh Kieu Ward PC');
  });

  it('cuts a long name at a word boundary, never mid-word', () => {
    const s = shortName('Sở Văn hóa, Thể thao và Du lịch', 24);
    expect(s).toBe('Sở Văn hóa, Thể thao và…');
    expect([...s].length).toBeLessThanOrEqual(24);
    expect(shortName('Ban Quản lý các khu chế xuất và công nghiệp', 24)).toBe('Ban Quản lý các khu chế…');
  });

  it('keeps a single over-long word whole', () => {
    expect(shortName('000.00.06.H13-very-long-code', 10)).toBe('000.00.06.H13-very-long-code');
  });
});
