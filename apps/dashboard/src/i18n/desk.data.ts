import vi from './desk.vi.json' with { type: 'json' };
import en from './desk.en.json' with { type: 'json' };

/**
 * The strings of the desks' page chrome (the vi-VN date field), Vietnamese first; spread into
 * resources.ts. The text is data (desk.vi.json, desk.en.json); the English file must have every key
 * of the Vietnamese one.
 */
export const deskVi = vi;
export const deskEn: typeof deskVi = en;
