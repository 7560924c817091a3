import { describe, expect, it } from 'vitest';
import { ON_TIME_CLASSES, onTimeColor, paletteColor, UI, UNIT_PALETTE } from './theme.ts';

describe('onTimeColor', () => {
  it('classes on-time rates, no data muted', () => {
    expect(onTimeColor(0.5)).toBe(ON_TIME_CLASSES[0]!.color);
    expect(onTimeColor(0.85)).toBe(ON_TIME_CLASSES[1]!.color);
    expect(onTimeColor(0.9227)).toBe(ON_TIME_CLASSES[2]!.color);
    expect(onTimeColor(0.97)).toBe(ON_TIME_CLASSES[3]!.color);
    expect(onTimeColor(1)).toBe(ON_TIME_CLASSES[4]!.color);
    expect(onTimeColor(null)).toBe(UI.noDataArea);
    expect(onTimeColor(Number.NaN)).toBe(UI.noDataArea);
  });
});

describe('paletteColor', () => {
  it('cycles through a palette', () => {
    expect(paletteColor(UNIT_PALETTE, 0)).toBe(UNIT_PALETTE[0]);
    expect(paletteColor(UNIT_PALETTE, UNIT_PALETTE.length + 1)).toBe(UNIT_PALETTE[1]);
  });
});
