/**
 * The monitoring connectors (MQTT, NGSI-LD, NGSI v2) bring in, beside the spine's water_level / aqi /
 * pm25, the VN_AQI pollutants, traffic flow per road segment and water-quality parameters: all are
 * defined in the one indicator catalogue (indicators.json), their stations in geo/can-tho.stations.json.
 */

/** The air pollutants an air station reports beside aqi and pm25 (defined in indicators.json). */
export const AIR_FEED_INDICATORS = ['pm10', 'no2', 'so2', 'co', 'o3'];

/** A box around Cần Thơ, [west, south, east, north]: readings outside it are suspect (e.g. swapped axes). */
export const CAN_THO_BBOX: [number, number, number, number] = [105.2, 9.85, 106.0, 10.4];
