// Runtime settings for this deployment, read by the dashboard at start-up. A city that hosts its
// own basemap (e.g. PMTiles behind its proxy) sets its style URL here without rebuilding:
//   window.__IOC_CONFIG__ = { basemapStyleUrl: '/tiles/style.json' };
// Empty means the built-in offline style (district shapes on a dark background).
window.__IOC_CONFIG__ = window.__IOC_CONFIG__ || {};
