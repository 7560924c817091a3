import vi from './wall-pin.vi.json' with { type: 'json' };
import en from './wall-pin.en.json' with { type: 'json' };

/**
 * The strings of briefing mode (issue 13 #4): the pin button, the wall's banner and overlay, the
 * briefing page; Vietnamese first, spread into resources.ts. The English file must have every key
 * of the Vietnamese one.
 */
export const wallPinVi = vi;
export const wallPinEn: typeof wallPinVi = en;
