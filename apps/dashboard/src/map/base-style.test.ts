import { describe, expect, it } from 'vitest';
import { buildOfflineStyle } from './base-style.ts';

describe('buildOfflineStyle', () => {
  it('is a valid v8 style with no remote resources: no glyphs, sprite, tiles or URLs', () => {
    const style = buildOfflineStyle();
    expect(style.version).toBe(8);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\//);
    expect(style.layers.map((l) => l.type)).toEqual(['background']);
  });
});
