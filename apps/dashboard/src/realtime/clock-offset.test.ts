import { describe, expect, it } from 'vitest';
import { addOffsetSample, type OffsetSample } from './clock-offset.ts';

describe('server clock offset', () => {
  it('takes the least delayed sample of the last minute: a heartbeat handled 9 s late does not move the clock', () => {
    let samples: OffsetSample[] = [];
    const add = (at: number, offset: number) => {
      const r = addOffsetSample(samples, { at, offset });
      samples = r.samples;
      return r.offset;
    };
    expect(add(0, 1_200)).toBe(1_200);
    expect(add(500, 1_195)).toBe(1_200);
    // a starved page: the heartbeat sent at server time 1 000 + 1 200 is handled at local 10 000
    expect(add(10_000, 1_200 - 9_000)).toBe(1_200);
  });

  it('forgets samples older than the window, so a stepped clock is followed within a minute', () => {
    let samples: OffsetSample[] = [];
    for (const [at, offset] of [
      [0, 5_000],
      [30_000, 0],
      [59_000, 0],
    ] as const)
      samples = addOffsetSample(samples, { at, offset }).samples;
    expect(addOffsetSample(samples, { at: 60_001, offset: 0 }).offset).toBe(0);
    expect(addOffsetSample(samples, { at: 59_500, offset: 0 }).offset).toBe(5_000);
  });
});
