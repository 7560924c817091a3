import viBase from './vi.json' with { type: 'json' };
import enBase from './en.json' with { type: 'json' };
import { authEn, authVi } from './auth.data.ts';
import { score766En, score766Vi } from './score766.data.ts';
import { analystEn, analystVi } from './analyst.data.ts';
import { wallcfgEn, wallcfgVi } from './wallcfg.data.ts';
import { opsdeskEn, opsdeskVi } from './opsdesk.data.ts';
import { wallPinEn, wallPinVi } from './wall-pin.data.ts';
import { watchdogEn, watchdogVi } from './watchdog.data.ts';
import { galleryEn, galleryVi } from './gallery.data.ts';
import { fanoutEn, fanoutVi } from './fanout.data.ts';
import { deskEn, deskVi } from './desk.data.ts';

/**
 * Every UI string, Vietnamese first. Indicator, area and station names come from the catalogue.
 * The text is data: vi.json / en.json hold the shared strings (app, status, kpi, export = downloads the
 * server writes, panel = names of panels without a heading of their own, …); each feature keeps its own
 * pair `<feature>.vi.json` / `<feature>.en.json` behind a `<feature>.data.ts`, spread here — one line
 * per language. `typeof vi` makes the build fail when English lacks a Vietnamese key (resources.test.ts
 * says which one).
 */
export const vi = {
  ...viBase,
  ...authVi,
  ...score766Vi,
  ...analystVi,
  ...wallcfgVi,
  ...opsdeskVi,
  ...wallPinVi,
  ...watchdogVi,
  ...galleryVi,
  ...fanoutVi,
  ...deskVi,
};

export const en: typeof vi = {
  ...enBase,
  ...authEn,
  ...score766En,
  ...analystEn,
  ...wallcfgEn,
  ...opsdeskEn,
  ...wallPinEn,
  ...watchdogEn,
  ...galleryEn,
  ...fanoutEn,
  ...deskEn,
};
