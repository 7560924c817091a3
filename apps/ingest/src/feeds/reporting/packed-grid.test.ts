import { describe, expect, it } from 'vitest';
import type { SheetCell } from '@cityioc/domain';
import { packGrid, unpackGrid } from './packed-grid.ts';

describe('packGrid / unpackGrid', () => {
  it('carries every kind of cell through flat arrays unchanged', async () => {
    const grid: SheetCell[][] = [
      [{ kind: 'text', text: 'Đơn vị' }, null, { kind: 'text', text: '' }, { kind: 'number', value: -1.5 }],
      [{ kind: 'date', ms: Date.parse('2024-02-28T00:00:00+07:00') }, { kind: 'formula', formula: 'B2*2', result: 42.4 }, null, null],
      [{ kind: 'formula', formula: 'A1&"x"', result: 'Đơn vịx' }, { kind: 'formula', formula: 'NA()', result: null }, { kind: 'number', value: NaN }, null],
    ];
    const packed = packGrid(grid);
    expect([packed.rows, packed.width, packed.nums.length, packed.ends.length]).toEqual([3, 4, 4, 6]);
    expect(await unpackGrid(packed)).toEqual(grid);
    // the packed form survives a copy to another thread
    expect(await unpackGrid(structuredClone(packed))).toEqual(grid);
  });

  it('rebuilds a large grid over several turns of the event loop', async () => {
    const grid: SheetCell[][] = Array.from({ length: 5_000 }, (_, r) => [{ kind: 'number', value: r }, r % 2 ? null : { kind: 'text', text: `t${r}` }]);
    let served = 0;
    setImmediate(() => served++);
    const out = unpackGrid(packGrid(grid));
    expect(served).toBe(0);
    expect(await out).toEqual(grid);
    expect(served).toBe(1);
  });
});
