import { Type, type Static } from 'typebox';
import { AreaRefFields } from '../common.ts';
import { AreaSchema, StationSchema } from './area.ts';
import { IndicatorSchema } from './indicator.ts';

export const CatalogueSchema = Type.Object({
  city: Type.Object({
    ...AreaRefFields,
    timeZone: Type.String(),
    /** Initial map view: [longitude, latitude] and zoom. */
    center: Type.Tuple([Type.Number(), Type.Number()]),
    zoom: Type.Number(),
  }),
  indicators: Type.Array(IndicatorSchema),
  areas: Type.Array(AreaSchema),
  stations: Type.Array(StationSchema),
});
export type Catalogue = Static<typeof CatalogueSchema>;
