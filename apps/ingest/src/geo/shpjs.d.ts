/** shpjs ships no typings; the one function the boundary import uses. */
declare module 'shpjs' {
  /** A zipped Shapefile → a GeoJSON FeatureCollection (or one per layer), reprojected to WGS 84 with its .prj. */
  export function parseZip(buffer: ArrayBuffer | Uint8Array, whiteList?: string[]): Promise<unknown>;
}
