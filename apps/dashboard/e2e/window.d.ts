/** What the wall exposes on window.__ioc (LiveDebug in src/realtime/live-client.ts), as the browser tests read it. */
interface Window {
  __ioc: { versions: Record<string, number>; connected: boolean; map?: unknown };
}
