import vi from './opsdesk.vi.json' with { type: 'json' };
import en from './opsdesk.en.json' with { type: 'json' };

/**
 * The strings of the operator desk (alert inbox, disabled-action reasons, alert trail, the city-wide
 * view of /operator, the one-stop system link), Vietnamese first; spread into resources.ts. The
 * text is data (opsdesk.vi.json, opsdesk.en.json); the English file must have every key of the
 * Vietnamese one. Models read it directly (trail labels), the screens through i18next.
 */
export const opsdeskVi = vi;
export const opsdeskEn: typeof opsdeskVi = en;
