import { describe, expect, it } from 'vitest';
import { inTurns, inTurnsSync, repeatOf, showSpread, spread, turnOrder } from './spread.ts';

describe('spread', () => {
  it('gives min, median and max, and keeps the values in run order', () => {
    expect(spread([0.52, 0.481, 0.553])).toEqual({ min: 0.481, median: 0.52, max: 0.553, values: [0.52, 0.481, 0.553] });
  });
  it('takes the mean of the middle two as the median of an even count', () => {
    expect(spread([4, 1, 3, 2]).median).toBe(2.5);
  });
  it('rounds to the digits asked for', () => {
    expect(spread([1234.56, 999.4], 0)).toEqual({ min: 999, median: 1117, max: 1235, values: [1235, 999] });
  });
  it('refuses no values', () => {
    expect(() => spread([])).toThrow('spread of no values');
  });
  it('prints a ratio as a percentage or a multiple', () => {
    expect(showSpread(spread([0.52, 0.481, 0.553]))).toBe('median 52.0 % (min 48.1, max 55.3 over 3 runs)');
    expect(showSpread(spread([1.5, 2.25]), 'x')).toBe('median 1.88× (min 1.50, max 2.25 over 2 runs)');
  });
});

describe('repeatOf', () => {
  it('is 3 by default and N with --repeat=N', () => {
    expect(repeatOf(['--quick'])).toBe(3);
    expect(repeatOf(['--quick', '--repeat=5'])).toBe(5);
  });
  it('refuses a repeat that is not a whole number ≥ 1', () => {
    expect(() => repeatOf(['--repeat=0'])).toThrow("--repeat must be a whole number ≥ 1, got '0'");
    expect(() => repeatOf(['--repeat=two'])).toThrow("--repeat must be a whole number ≥ 1, got 'two'");
  });
});

describe('inTurns', () => {
  it('runs the ceiling first in even rounds and the figure first in odd ones, each side told its round', async () => {
    const calls: string[] = [];
    const rounds = await inTurns(
      3,
      async (r) => {
        calls.push(`figure ${r}`);
        await Promise.resolve();
        return r * 10;
      },
      (r) => {
        calls.push(`ceiling ${r}`);
        return `c${r}`;
      },
    );
    expect(calls).toEqual(['ceiling 0', 'figure 0', 'figure 1', 'ceiling 1', 'ceiling 2', 'figure 2']);
    expect(rounds).toEqual([
      { figure: 0, ceiling: 'c0' },
      { figure: 10, ceiling: 'c1' },
      { figure: 20, ceiling: 'c2' },
    ]);
  });
  it('waits for one side before it starts the other (never both at once)', async () => {
    let running = 0;
    let most = 0;
    const side = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return 1;
    };
    await inTurns(2, side, side);
    expect(most).toBe(1);
  });
  it('has a synchronous twin with the same order, and an order of its own for any round', () => {
    const calls: string[] = [];
    const rounds = inTurnsSync(
      2,
      (r) => calls.push(`figure ${r}`),
      (r) => calls.push(`ceiling ${r}`),
    );
    expect(calls).toEqual(['ceiling 0', 'figure 0', 'figure 1', 'ceiling 1']);
    expect(rounds).toEqual([
      { ceiling: 1, figure: 2 },
      { figure: 3, ceiling: 4 },
    ]);
    expect(turnOrder(6)).toEqual(['ceiling', 'figure']);
    expect(turnOrder(7)).toEqual(['figure', 'ceiling']);
    expect(
      inTurnsSync(
        0,
        () => 1,
        () => 2,
      ),
    ).toEqual([]);
  });
});
