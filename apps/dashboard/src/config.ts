/** Settings a deployment can change without rebuilding: public/config.js sets window.__IOC_CONFIG__. */
export interface RuntimeConfig {
  /** Prefix for API and Socket.IO requests; '' means the page's own origin. */
  apiBaseUrl: string;
  /** A MapLibre style URL for cities that host a basemap; null keeps the built-in offline style. */
  basemapStyleUrl: string | null;
  /** Viewer token for the Socket.IO handshake, when the server requires one. */
  viewerToken: string | null;
  /** SCENE_SECONDS: how long the wall shows each scene (5–3600; default 45). `?sceneSeconds=` overrides it. */
  sceneSeconds: number | null;
  /** The city's unit code on the national portal (DVCQG), whose official Decision 766 scores the wall shows; Cần Thơ is 'H13'. */
  officialUnitCode: string;
}

export const DEFAULT_OFFICIAL_UNIT_CODE = 'H13';

declare global {
  interface Window {
    __IOC_CONFIG__?: Partial<RuntimeConfig>;
  }
}

export function runtimeConfig(): RuntimeConfig {
  const w = typeof window === 'undefined' ? undefined : window.__IOC_CONFIG__;
  const env = import.meta.env as Record<string, string | undefined>;
  return {
    apiBaseUrl: (w?.apiBaseUrl ?? '').replace(/\/$/, ''),
    basemapStyleUrl: w?.basemapStyleUrl || env.VITE_BASEMAP_STYLE_URL || null,
    viewerToken: w?.viewerToken || null,
    sceneSeconds: typeof w?.sceneSeconds === 'number' ? w.sceneSeconds : Number(env.VITE_SCENE_SECONDS) || null,
    officialUnitCode: (typeof w?.officialUnitCode === 'string' ? w.officialUnitCode.trim() : '') || DEFAULT_OFFICIAL_UNIT_CODE,
  };
}
