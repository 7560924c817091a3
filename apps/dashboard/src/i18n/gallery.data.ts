import vi from './gallery.vi.json' with { type: 'json' };
import en from './gallery.en.json' with { type: 'json' };

/**
 * The strings of the panel gallery (/gallery), Vietnamese first; spread into resources.ts. The text
 * is data (gallery.vi.json, gallery.en.json); the English file must have every key of the Vietnamese one.
 */
export const galleryVi = vi;
export const galleryEn: typeof galleryVi = en;
