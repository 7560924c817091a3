import { describe, expect, it } from 'vitest';
import { LAG_BOUND_MS, saturate, stepOf, type Step } from './saturation.ts';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

/** A path that keeps its lag within the bound up to `limit` readings/s, and a driver that offers up to `driver`. */
const path =
  (limit: number, driver = Infinity) =>
  async (rate: number): Promise<Step> => {
    const lat = Array.from({ length: 1000 }, (_, i) => (rate <= limit ? 20 + (i % 50) : 20 + i * 5));
    return stepOf(quantile, rate, 1000, Math.min(rate, driver), lat);
  };

describe('saturate (the mqtt bench ramp)', () => {
  it('doubles until a step fails, then bisects between the last that held and the first that failed', async () => {
    const s = await saturate(path(12_000), 2500, 320_000, 2);
    expect(s.steps.map((x) => [x.rate, x.held])).toEqual([
      [2500, true],
      [5000, true],
      [10_000, true],
      [20_000, false],
      [14_100, false],
      [11_900, true],
    ]);
    expect(s).toMatchObject({ rate: 11_900, capped: false, limit: 'lag' });
  });

  it('halves when the first step fails', async () => {
    const s = await saturate(path(1000), 2500, 320_000, 1);
    expect(s.steps.map((x) => x.rate)).toEqual([2500, 1250, 625, 900]);
    expect(s).toMatchObject({ rate: 900, limit: 'lag' });
  });

  it('reports a lower bound when every step up to the top held', async () => {
    const s = await saturate(path(Infinity), 10_000, 40_000, 2);
    expect(s.steps.map((x) => x.rate)).toEqual([10_000, 20_000, 40_000]);
    expect(s).toMatchObject({ rate: 40_000, capped: true, limit: 'none' });
  });

  it('names the driver when the driver, not the path, could not offer the rate', async () => {
    const s = await saturate(path(Infinity, 30_000), 10_000, 320_000, 1);
    expect(s.steps.map((x) => [x.rate, x.why ?? null])).toEqual([
      [10_000, null],
      [20_000, null],
      [40_000, 'driver'],
      [28_300, null],
    ]);
    expect(s).toMatchObject({ rate: 28_300, capped: false, limit: 'driver' });
  });

  it('gives 0 when nothing holds down to the minimum rate', async () => {
    const s = await saturate(path(100), 2000, 320_000, 2, 500);
    expect(s.steps.map((x) => x.rate)).toEqual([2000, 1000, 500]);
    expect(s).toMatchObject({ rate: 0, limit: 'lag' });
  });
});

describe('stepOf', () => {
  it('counts a reading never delivered as infinite lag, so 2 % lost fails the step', () => {
    const lat = [...Array.from({ length: 98 }, () => 30), Infinity, Infinity];
    expect(stepOf(quantile, 5000, 100, 5000, lat)).toEqual({
      rate: 5000,
      sent: 100,
      offeredPerS: 5000,
      inBound: 98,
      delivered: 98,
      p50Ms: 30,
      p99Ms: -1,
      held: false,
      why: 'lag',
    });
  });

  it('holds at the bound and fails just past it', () => {
    expect(
      stepOf(
        quantile,
        5000,
        100,
        5000,
        Array.from({ length: 100 }, () => LAG_BOUND_MS),
      ).held,
    ).toBe(true);
    expect(
      stepOf(
        quantile,
        5000,
        100,
        5000,
        Array.from({ length: 100 }, () => LAG_BOUND_MS + 1),
      ),
    ).toMatchObject({ held: false, why: 'lag' });
  });

  it('blames the driver when it offered under 95 % of the rate', () => {
    expect(
      stepOf(
        quantile,
        10_000,
        100,
        9400,
        Array.from({ length: 100 }, () => 5),
      ),
    ).toMatchObject({ held: false, why: 'driver' });
    expect(
      stepOf(
        quantile,
        10_000,
        100,
        9500,
        Array.from({ length: 100 }, () => 5),
      ).held,
    ).toBe(true);
  });
});
