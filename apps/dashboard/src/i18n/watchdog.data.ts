import vi from './watchdog.vi.json' with { type: 'json' };
import en from './watchdog.en.json' with { type: 'json' };

/**
 * The wall watchdog's notes (a link or the map recovered by itself), Vietnamese first; spread into
 * resources.ts. The text is data (watchdog.vi.json, watchdog.en.json); the English file must have
 * every key of the Vietnamese one.
 */
export const watchdogVi = vi;
export const watchdogEn: typeof watchdogVi = en;
