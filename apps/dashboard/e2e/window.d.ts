/** What the wall exposes on window.__ioc (LiveDebug in src/realtime/live-client.ts), as the browser tests read it. */
interface Window {
  __ioc: {
    versions: Record<string, number>;
    connected: boolean;
    map?: unknown;
    /** The explorer's map, and a pinned unit's or alert's on the wall (useMapInstance). */
    explorerMap?: unknown;
    /** ECharts instances by test id (components/EChart.tsx). */
    charts?: Record<string, unknown>;
    /** What the wall's watchdog did (WatchdogDebug in src/realtime/watchdog.ts). */
    watchdog?: { resubscribes: number; reloadsAsked: number; mapRecreations: number };
  };
}
