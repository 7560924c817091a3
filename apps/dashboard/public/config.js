// Runtime settings for this deployment, read by the dashboard at start-up. A city that hosts its
// own basemap (e.g. PMTiles behind its proxy) sets its style URL here without rebuilding:
//   window.__IOC_CONFIG__ = { basemapStyleUrl: '/tiles/style.json' };
// Empty means the built-in offline style (district shapes on a dark background).
// The wall alternates its scenes every 45 s; another period (SCENE_SECONDS, 5–3600):
//   window.__IOC_CONFIG__ = { sceneSeconds: 60 };
// The "Hành chính công" scene shows the official Decision 766 scores the national portal publishes
// for the city's unit code there (Cần Thơ: 'H13', the default):
//   window.__IOC_CONFIG__ = { officialUnitCode: 'H13' };
window.__IOC_CONFIG__ = window.__IOC_CONFIG__ || {};
