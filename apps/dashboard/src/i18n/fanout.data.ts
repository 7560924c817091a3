import vi from './fanout.vi.json' with { type: 'json' };
import en from './fanout.en.json' with { type: 'json' };

/**
 * The link pill's state when the server's pushes across nodes are cut (its Redis link is down, the
 * heartbeat's `fanout: 'degraded'`), Vietnamese first; spread into resources.ts. The text is data
 * (fanout.vi.json, fanout.en.json); the English file must have every key of the Vietnamese one.
 */
export const fanoutVi = vi;
export const fanoutEn: typeof fanoutVi = en;
