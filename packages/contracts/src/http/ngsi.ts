/** The answer to an NGSI-LD / NGSI v2 notification: one result per entity, in order. */
export interface NgsiEntityResult {
  index: number;
  id: string | null;
  type: string | null;
  station: string | null;
  /** attributes stored (or already stored: duplicate), with the observation id */
  accepted: { attribute: string; indicator: string; observationId: string; status: 'accepted' | 'duplicate' }[];
  /** attributes refused, with the reason */
  rejected: { attribute: string; reason: string; message: string }[];
  /** attributes that look like measurements but have no indicator in the catalogue */
  ignored: string[];
  /**
   * what was repaired or is worth a look: no_time_zone, interval_end, coordinates_swapped, location_outside_city,
   * location_ignored, location_far_from_station, station_by_location, attribute_not_in_model
   */
  flags: { code: string; attribute?: string; message: string }[];
}

export interface NgsiNotifyResponse {
  /** attribute counts over the whole notification */
  accepted: number;
  duplicates: number;
  rejected: number;
  entities: NgsiEntityResult[];
}
