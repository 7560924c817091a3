import vi from './wallcfg.vi.json' with { type: 'json' };
import en from './wallcfg.en.json' with { type: 'json' };

/**
 * The strings of the wall's playlist editor (/admin/wall) and the panel gallery (/gallery),
 * Vietnamese first; spread into resources.ts. The text is data (wallcfg.vi.json, wallcfg.en.json);
 * the English file must have every key of the Vietnamese one.
 */
export const wallcfgVi = vi;
export const wallcfgEn: typeof wallcfgVi = en;
