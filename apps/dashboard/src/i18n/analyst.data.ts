import vi from './analyst.vi.json' with { type: 'json' };
import en from './analyst.en.json' with { type: 'json' };

/**
 * The strings of the analyst pages added by issue 13 item 7 (hour and day periods, the custom
 * date range, the map legend, the reporting page's charts), Vietnamese first; spread into
 * resources.ts. The English file must have every key of the Vietnamese one.
 */
export const analystVi = vi;
export const analystEn: typeof analystVi = en;
