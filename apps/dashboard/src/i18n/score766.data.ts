import vi from './score766.vi.json' with { type: 'json' };
import en from './score766.en.json' with { type: 'json' };

/**
 * The strings of the computed Decision 766 scorecard (wall scene, drill-down page) and the directive
 * board, Vietnamese first; spread into resources.ts. The text is data (score766.vi.json,
 * score766.en.json); the English file must have every key of the Vietnamese one.
 */
export const score766Vi = vi;
export const score766En: typeof score766Vi = en;
